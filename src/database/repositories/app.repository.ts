import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { newSnowflakeId } from '../../core/ids/snowflake';
import { AppEntity } from '../entities';

/** Values for a new app row; the flags and platform columns default to 0, status to 1. */
export type NewApp = Pick<AppEntity, 'aliasId' | 'name'> &
  Partial<Omit<AppEntity, 'id' | 'aliasId' | 'name' | 'createAt' | 'updateAt'>>;

/** Columns an administrator may change (the alias is the app's external identity). */
export type AppPatch = Partial<Omit<AppEntity, 'id' | 'aliasId' | 'createAt' | 'updateAt'>>;

/** The `app` table, keyed on the wire by `alias_id`. */
@Injectable()
export class AppRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByAlias(aliasId: string, manager?: EntityManager): Promise<AppEntity | null> {
    return this.repo(manager).findOneBy({ aliasId });
  }

  /** Apps holding this api_key (AUTH_MODE=signature); normally one. */
  async findByApiKey(apiKey: string, manager?: EntityManager): Promise<AppEntity[]> {
    return this.repo(manager).findBy({ apiKey });
  }

  async insert(values: NewApp, manager?: EntityManager): Promise<AppEntity> {
    const now = new Date();
    const row = this.repo(manager).create({
      description: null,
      apiKey: '',
      apiSecret: '',
      isTenant: 0,
      source: 0,
      actualSource: 0,
      platReleaseAuth: 0,
      status: 1,
      auditPolicy: 0,
      ...values,
      id: newSnowflakeId(),
      createAt: now,
      updateAt: now,
    });
    await this.repo(manager).insert(row);
    return row;
  }

  /** Applies the columns to the app with this alias; returns whether it existed. */
  async updateByAlias(aliasId: string, patch: AppPatch, manager?: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).update({ aliasId }, { ...patch, updateAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** One page, oldest first, and the total count. */
  async list(
    offset: number,
    limit: number,
    manager?: EntityManager,
  ): Promise<{ items: AppEntity[]; total: number }> {
    const [items, total] = await this.repo(manager).findAndCount({
      order: { createAt: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return { items, total };
  }

  private repo(manager?: EntityManager): Repository<AppEntity> {
    return (manager ?? this.dataSource.manager).getRepository(AppEntity);
  }
}
