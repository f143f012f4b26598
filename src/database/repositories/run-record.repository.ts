import { Injectable } from '@nestjs/common';
import {
  Between,
  DataSource,
  In,
  LessThan,
  LessThanOrEqual,
  MoreThanOrEqual,
  type FindOptionsWhere,
} from 'typeorm';
import { insertRows } from '../bulk-insert';
import { WorkflowRunEntity, WorkflowRunNodeEntity } from '../entities';

/** Filters of the run listing; every one optional, `since`/`until` bound `started_at`. */
export interface RunRecordFilter {
  appId?: string;
  flowId?: string;
  status?: string;
  since?: Date;
  until?: Date;
}

/** The `workflow_run` and `workflow_run_node` tables: run records and their node traces. */
@Injectable()
export class RunRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One batch in one transaction: runs upserted by run id (a row that exists keeps its
   * `started_at` and `sid`: a run continued after a restart is the same run), node rows inserted.
   */
  async write(runs: WorkflowRunEntity[], nodes: WorkflowRunNodeEntity[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      if (runs.length > 0) {
        const existing = await manager.find(WorkflowRunEntity, {
          select: { runId: true, startedAt: true, sid: true },
          where: { runId: In(runs.map((run) => run.runId)) },
        });
        const before = new Map(existing.map((row) => [row.runId, row]));
        const rows = runs.map((run) => ({
          ...run,
          startedAt: before.get(run.runId)?.startedAt ?? run.startedAt,
          sid: run.sid ?? before.get(run.runId)?.sid ?? null,
        }));
        await insertRows(manager, WorkflowRunEntity, rows, ['runId']);
      }
      await insertRows(manager, WorkflowRunNodeEntity, nodes);
    });
  }

  /** A page of runs, newest first, with the total of the filter. */
  async list(
    filter: RunRecordFilter,
    offset: number,
    limit: number,
  ): Promise<{ items: WorkflowRunEntity[]; total: number }> {
    const [items, total] = await this.dataSource.getRepository(WorkflowRunEntity).findAndCount({
      where: whereOf(filter),
      order: { startedAt: 'DESC', runId: 'DESC' },
      skip: offset,
      take: limit,
    });
    return { items, total };
  }

  findRun(runId: string): Promise<WorkflowRunEntity | null> {
    return this.dataSource.getRepository(WorkflowRunEntity).findOneBy({ runId });
  }

  /** A run's node rows in the order they started. */
  findNodes(runId: string): Promise<WorkflowRunNodeEntity[]> {
    return this.dataSource.getRepository(WorkflowRunNodeEntity).find({
      where: { runId },
      order: { startedAt: 'ASC', seq: 'ASC' },
    });
  }

  /** Deletes the runs started before `cutoff` with their node rows; the number of runs. */
  async deleteStartedBefore(cutoff: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const old = await manager.find(WorkflowRunEntity, {
        select: { runId: true },
        where: { startedAt: LessThan(cutoff) },
      });
      // in slices: an IN list has a bound on every driver
      for (let i = 0; i < old.length; i += 500) {
        const ids = old.slice(i, i + 500).map((row) => row.runId);
        await manager.delete(WorkflowRunNodeEntity, { runId: In(ids) });
        await manager.delete(WorkflowRunEntity, { runId: In(ids) });
      }
      return old.length;
    });
  }
}

function whereOf(filter: RunRecordFilter): FindOptionsWhere<WorkflowRunEntity> {
  const where: FindOptionsWhere<WorkflowRunEntity> = {};
  if (filter.appId !== undefined) where.appId = filter.appId;
  if (filter.flowId !== undefined) where.flowId = filter.flowId;
  if (filter.status !== undefined) where.status = filter.status;
  if (filter.since && filter.until) where.startedAt = Between(filter.since, filter.until);
  else if (filter.since) where.startedAt = MoreThanOrEqual(filter.since);
  else if (filter.until) where.startedAt = LessThanOrEqual(filter.until);
  return where;
}
