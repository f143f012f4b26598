import { Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppConfig } from '../../core/config/app-config';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { paramException } from '../../core/errors/param-error';
import { consumerOf } from '../../core/http/consumer.decorator';
import type { AppEntity, FlowEntity } from '../../database/entities';
import { AppResolverService } from '../app/app-resolver.service';
import type { RunMode } from '../../engine';
import { FlowRepository } from '../../database/repositories/flow.repository';
import type { FlowAccessRule } from './flow-access.rule';
import { setFlowCreator } from './flow-creator';
import { RUN_OWNERS, type RunOwners } from './run-owners';

/** Version label of a group's working row, whose creator owns the whole group. */
const WORKING_VERSION = '-1';

const forbidden = (detail: string) => new AppException(ErrorCode.APP_FLOW_FORBIDDEN_ERROR, detail);

/**
 * The one place that decides, under TENANCY=strict, whether the calling app may touch a flow or
 * a paused run. A flow belongs to the app that added it (its `create_by`; rows added before
 * strict mode fall back to their stored `app_id`); a run belongs to the app that started it.
 * Only the caller's identity and stored rows decide — never a body field.
 */
@Injectable()
export class FlowAccessService {
  constructor(
    private readonly config: AppConfig,
    private readonly apps: AppResolverService,
    private readonly flows: FlowRepository,
    @Inject(RUN_OWNERS) private readonly runs: RunOwners,
  ) {}

  get strict(): boolean {
    return this.config.tenancy === 'strict';
  }

  /**
   * Checks what `rule` says the request touches; a no-op in open mode. Reads the raw body: a
   * field of the wrong type is left to the validation pipe, which refuses it with 460.
   */
  async enforce(rule: FlowAccessRule, req: Request): Promise<void> {
    if (!this.strict) return;
    const caller = callerOf(req);
    const body = isRecord(req.body) ? req.body : {};
    if (rule.kind === 'add') {
      setFlowCreator(req, (await this.admitNewFlow(caller, body.app_id)).id);
    } else if (rule.kind === 'flow') {
      const flowId = rule.from === 'path' ? req.params[rule.field] : body[rule.field];
      if (typeof flowId !== 'string') return;
      const row = await this.assertOwner(caller, flowId, rule.mustExist);
      if (row && rule.keepsAppId) this.assertKeepsAppId(row, body.app_id);
    } else if (typeof body.event_id === 'string') {
      await this.assertCanResume(caller, body.event_id, rule.view);
    }
  }

  /**
   * `protocol/add`: the new flow will belong to the caller, who must be the body's `app_id` or a
   * tenant adding it for one of its apps. Returns the caller's app (recorded as creator).
   */
  private async admitNewFlow(caller: string, bodyAppId: unknown): Promise<AppEntity> {
    const app = await this.apps.resolve(caller);
    if (typeof bodyAppId === 'string' && bodyAppId !== caller && app.isTenant !== 1) {
      throw forbidden(`app_id must be the calling app ${caller} unless the caller is a tenant`);
    }
    return app;
  }

  /**
   * The caller owns flow `flowId`. An unknown flow passes (the route answers for it as usual)
   * unless `mustExist`, for routes where a dangling id would still reach stored data.
   */
  private async assertOwner(
    caller: string,
    flowId: string,
    mustExist = false,
  ): Promise<FlowEntity | null> {
    const row = await this.flows.findById(flowId);
    if (!row) {
      if (mustExist) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
      return null;
    }
    if (!(await this.owns(caller, row))) throw forbidden(`flow ${flowId} belongs to another app`);
    return row;
  }

  /** `protocol/update`: publishing binds the stored `app_id`, so it cannot be redirected. */
  private assertKeepsAppId(row: FlowEntity, bodyAppId: unknown): void {
    if (typeof bodyAppId === 'string' && bodyAppId !== '' && bodyAppId !== (row.appId ?? '')) {
      throw forbidden('the app_id of a flow cannot be changed');
    }
  }

  /**
   * Resume: only the app that started the run may answer it; the debug view (unfiltered node
   * data) also needs the flow's owner. An unknown event passes: the route answers 23900.
   */
  private async assertCanResume(caller: string, eventId: string, view: RunMode): Promise<void> {
    const event = await this.runs.ownerOf(eventId);
    if (!event) return;
    if (event.app_id !== caller) throw forbidden(`event ${eventId} was started by another app`);
    if (view === 'debug') await this.assertOwner(caller, event.flow_id);
  }

  private async owns(caller: string, row: FlowEntity): Promise<boolean> {
    // snapshots and comparison rows carry no creator: the group's working row decides
    const working =
      row.version === WORKING_VERSION
        ? row
        : ((await this.flows.findByGroupAndVersion(row.groupId, WORKING_VERSION)) ?? row);
    if (working.createBy && working.createBy !== '0') {
      const app = await this.apps.resolve(caller).catch(() => undefined);
      return app?.id === working.createBy;
    }
    return !!working.appId && working.appId === caller;
  }
}

/** Strict mode needs the caller on every checked route: missing → 460, empty → 20010. */
function callerOf(req: Request): string {
  const caller = consumerOf(req);
  if (caller === undefined) {
    throw paramException([
      {
        loc: ['header', 'x-consumer-username'],
        input: undefined,
        description: 'Field required',
        type: 'missing',
      },
    ]);
  }
  if (!caller) throw forbidden('no calling app');
  return caller;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
