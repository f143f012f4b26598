import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isSnowflakeString, newSnowflakeId } from '../../core/ids/snowflake';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { FlowEntity } from '../entities';

/** Values for a new flow row; everything but `name` has the column default. */
export type NewFlow = Pick<FlowEntity, 'name'> &
  Partial<Omit<FlowEntity, 'name' | 'createAt' | 'updateAt'>>;

/** Columns a caller may change on an existing row. */
export type FlowPatch = Partial<Omit<FlowEntity, 'id' | 'createAt' | 'updateAt'>>;

/**
 * The `flow` table. Ids are decimal strings; a string that is not a 64-bit decimal id never
 * reaches the database (it cannot name a row, and PostgreSQL would reject the comparison).
 * Every method takes an optional EntityManager so callers can group writes in a transaction.
 */
@Injectable()
export class FlowRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findById(id: string, manager?: EntityManager): Promise<FlowEntity | null> {
    if (!isSnowflakeString(id)) return null;
    return this.repo(manager).findOneBy({ id });
  }

  /** Every row of a logical flow: working row, snapshots and comparison rows. */
  async findByGroup(groupId: string, manager?: EntityManager): Promise<FlowEntity[]> {
    return this.repo(manager).find({ where: { groupId }, order: { id: 'ASC' } });
  }

  async findByGroupAndVersion(
    groupId: string,
    version: string,
    manager?: EntityManager,
  ): Promise<FlowEntity | null> {
    return this.repo(manager).findOneBy({ groupId, version });
  }

  /** Inserts a row (new snowflake id unless given) and returns it as stored. */
  async insert(values: NewFlow, manager?: EntityManager): Promise<FlowEntity> {
    const now = new Date();
    const row = this.repo(manager).create({
      groupId: '0',
      data: null,
      releaseData: null,
      description: null,
      version: '',
      status: 0,
      releaseStatus: 0,
      appId: '',
      source: 0,
      tag: 0,
      ...values,
      id: values.id ?? newSnowflakeId(),
      createAt: now,
      updateAt: now,
    });
    // `data`/`release_data` are free-form JSON (typed unknown); the column transformer stores them
    await this.repo(manager).insert(row as QueryDeepPartialEntity<FlowEntity>);
    return row;
  }

  /** Applies the given columns (and a fresh `update_at`); returns whether the row existed. */
  async update(id: string, patch: FlowPatch, manager?: EntityManager): Promise<boolean> {
    if (!isSnowflakeString(id)) return false;
    const values = { ...patch, updateAt: new Date() } as QueryDeepPartialEntity<FlowEntity>;
    const result = await this.repo(manager).update({ id }, values);
    return (result.affected ?? 0) > 0;
  }

  /** Publishing keeps `release_status` identical across every row of the group. */
  async updateGroupReleaseStatus(
    groupId: string,
    releaseStatus: number,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repo(manager).update({ groupId }, { releaseStatus, updateAt: new Date() });
  }

  /** Deletes the row with this id and owner (`null` owner matches rows without app). */
  async deleteByIdAndApp(
    id: string,
    appId: string | null,
    manager?: EntityManager,
  ): Promise<boolean> {
    if (!isSnowflakeString(id)) return false;
    const query = this.repo(manager)
      .createQueryBuilder()
      .delete()
      .from(FlowEntity)
      .where('id = :id', { id });
    if (appId === null) query.andWhere('app_id IS NULL');
    else query.andWhere('app_id = :appId', { appId });
    const result = await query.execute();
    return (result.affected ?? 0) > 0;
  }

  /** Deletes the rows of a group carrying a version label (optionally only one tag). */
  async deleteGroupVersion(
    groupId: string,
    version: string,
    tag?: number,
    manager?: EntityManager,
  ): Promise<number> {
    const where = tag === undefined ? { groupId, version } : { groupId, version, tag };
    const result = await this.repo(manager).delete(where);
    return result.affected ?? 0;
  }

  private repo(manager?: EntityManager): Repository<FlowEntity> {
    return (manager ?? this.dataSource.manager).getRepository(FlowEntity);
  }
}
