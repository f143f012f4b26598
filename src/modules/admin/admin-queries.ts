import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AppEntity, FlowEntity, LicenseEntity } from '../../database/entities';

/** Version label of a flow's working row (docs/api.md#versions). */
const WORKING_VERSION = '-1';

/** Flow columns the admin views show (never the protocols, which can be large). */
const FLOW_SUMMARY = {
  id: true,
  groupId: true,
  name: true,
  description: true,
  appId: true,
  version: true,
  status: true,
  releaseStatus: true,
  source: true,
  createAt: true,
  updateAt: true,
} as const;

export type FlowSummary = Pick<FlowEntity, keyof typeof FLOW_SUMMARY>;

/** A licence with what the admin API shows of both sides (null where the row is gone). */
export interface Binding {
  license: LicenseEntity;
  app: AppEntity | null;
  flow: FlowSummary | null;
}

/**
 * The read and delete queries of the admin API over flows, versions and licences (apps
 * themselves go through AppRepository).
 */
@Injectable()
export class AdminQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the flows owned by the alias (their working rows), oldest first. */
  async flowsOwnedBy(
    aliasId: string,
    offset: number,
    limit: number,
  ): Promise<{ items: FlowSummary[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(FlowEntity).findAndCount({
      select: FLOW_SUMMARY,
      where: { appId: aliasId, version: WORKING_VERSION },
      order: { createAt: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });
    return { items, total };
  }

  /** The group's published snapshots (labelled rows, comparison rows excluded), newest first. */
  async versionsOf(groupId: string): Promise<FlowSummary[]> {
    return this.dataSource.getRepository(FlowEntity).find({
      select: FLOW_SUMMARY,
      where: { groupId, tag: 0, version: Not(In([WORKING_VERSION, ''])) },
      order: { createAt: 'DESC', id: 'DESC' },
    });
  }

  /** The licences of a flow group, oldest first, with their apps. */
  async bindingsOfGroup(groupId: string): Promise<Binding[]> {
    const licenses = await this.dataSource
      .getRepository(LicenseEntity)
      .find({ where: { groupId }, order: { createAt: 'ASC', id: 'ASC' } });
    const apps = await this.appsById(licenses.map((l) => l.appId));
    const flows = await this.workingRows([groupId]);
    return licenses.map((license) => ({
      license,
      app: apps.get(license.appId) ?? null,
      flow: flows.get(groupId) ?? null,
    }));
  }

  /** The licences of an app, oldest first, with the working rows of their groups. */
  async bindingsOfApp(app: AppEntity): Promise<Binding[]> {
    const licenses = await this.dataSource
      .getRepository(LicenseEntity)
      .find({ where: { appId: app.id }, order: { createAt: 'ASC', id: 'ASC' } });
    const flows = await this.workingRows(licenses.map((l) => l.groupId));
    return licenses.map((license) => ({ license, app, flow: flows.get(license.groupId) ?? null }));
  }

  /**
   * Deletes the app and, when `force`, its licences, in one transaction. Without `force` an
   * app holding licences is left alone: `refuse(count)` decides what to throw (the transaction
   * then rolls back). Returns the groups whose licences went, or null when the app row was
   * gone already (deleted concurrently).
   */
  async deleteApp(
    app: AppEntity,
    force: boolean,
    refuse: (bindings: number) => Error,
  ): Promise<string[] | null> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const licenses = manager.getRepository(LicenseEntity);
      const bound = await licenses.find({
        where: { appId: app.id },
        select: { id: true, groupId: true },
      });
      if (bound.length && !force) throw refuse(bound.length);
      // deletes by app id, not by the ids read above: a licence added meanwhile goes too
      await licenses.delete({ appId: app.id });
      const deleted = await manager.getRepository(AppEntity).delete({ id: app.id });
      if (!deleted.affected) return null;
      return [...new Set(bound.map((l) => l.groupId))];
    });
  }

  /** Working rows by group id. */
  private async workingRows(groupIds: string[]): Promise<Map<string, FlowSummary>> {
    if (!groupIds.length) return new Map();
    const rows = await this.dataSource.getRepository(FlowEntity).find({
      select: FLOW_SUMMARY,
      where: { groupId: In([...new Set(groupIds)]), version: WORKING_VERSION },
    });
    return new Map(rows.map((row) => [row.groupId, row]));
  }

  private async appsById(ids: string[]): Promise<Map<string, AppEntity>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource
      .getRepository(AppEntity)
      .findBy({ id: In([...new Set(ids)]) });
    return new Map(rows.map((row) => [row.id, row]));
  }
}
