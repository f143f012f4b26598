import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { newSnowflakeId } from '../../core/ids/snowflake';
import { AppEntity, LicenseEntity } from '../entities';

/** The `license` table: bindings of an app (internal id) to a flow group. */
@Injectable()
export class LicenseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByAppAndGroup(
    appId: string,
    groupId: string,
    manager?: EntityManager,
  ): Promise<LicenseEntity | null> {
    return this.repo(manager).findOneBy({ appId, groupId });
  }

  /** The licence of the app with this alias for the group (join on `app.id`), if any. */
  async findByAliasAndGroup(
    aliasId: string,
    groupId: string,
    manager?: EntityManager,
  ): Promise<LicenseEntity | null> {
    return this.repo(manager)
      .createQueryBuilder('license')
      .innerJoin(AppEntity, 'app', 'app.id = license.app_id')
      .where('app.alias_id = :aliasId', { aliasId })
      .andWhere('license.group_id = :groupId', { groupId })
      .getOne();
  }

  /**
   * Makes sure a licence (app, group) exists, creating it enabled (status 1). An existing row
   * is left as it is: a disabled binding stays disabled. The insert ignores a unique-key clash,
   * so concurrent bindings of the same pair neither fail nor abort the caller's transaction.
   * Returns false when a licence existed before the call.
   */
  async ensureExists(appId: string, groupId: string, manager?: EntityManager): Promise<boolean> {
    if (await this.findByAppAndGroup(appId, groupId, manager)) return false;
    const now = new Date();
    await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .into(LicenseEntity)
      .values({ id: newSnowflakeId(), appId, groupId, status: 1, createAt: now, updateAt: now })
      .orIgnore()
      .execute();
    return true;
  }

  private repo(manager?: EntityManager): Repository<LicenseEntity> {
    return (manager ?? this.dataSource.manager).getRepository(LicenseEntity);
  }
}
