import { Injectable } from '@nestjs/common';
import { isQueryFailure } from '../../database/query-failure';
import { Transactions } from '../../database/transactions';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode, ErrorCodeEntry } from '../../core/errors/error-code';
import { newSnowflakeId } from '../../core/ids/snowflake';
import { FlowEntity } from '../../database/entities';
import { AppResolverService } from '../app/app-resolver.service';
import { LicenseRepository } from '../../database/repositories/license.repository';
import { PublishedFlowService } from '../versioning/published-flow.service';
import { AddFlowDto } from './dto/add-flow.dto';
import { FlowRefDto } from './dto/flow-ref.dto';
import { UpdateFlowDto } from './dto/update-flow.dto';
import { FlowChanges } from './flow-changes';
import { requireNumericFlowId } from './flow-id';
import { flowRowJson } from './flow-json';
import { FlowPatch, FlowRepository } from '../../database/repositories/flow.repository';
import { ProtocolValidator } from './protocol-validator.service';

/** Version label of the working (draft) row of a flow group. */
export const DRAFT_VERSION = '-1';

/**
 * Flow storage behind the protocol routes (docs/api.md#flow-storage). Every check runs before the first
 * write, and the writes of one request share a transaction, so a refused request changes nothing
 * (the reference's add kept the row of an invalid protocol, docs/decisions.md#q9).
 */
@Injectable()
export class ProtocolService {
  constructor(
    private readonly transactions: Transactions,
    private readonly flows: FlowRepository,
    private readonly apps: AppResolverService,
    private readonly licenses: LicenseRepository,
    private readonly published: PublishedFlowService,
    private readonly protocol: ProtocolValidator,
    private readonly changes: FlowChanges,
  ) {}

  /**
   * New working row; its id is the answer. 20102 bad status, 20001/20002 app, build codes.
   * `creatorAppId` (strict tenancy) is the owning app's internal id.
   */
  async add(body: AddFlowDto, creatorAppId?: string): Promise<{ flow_id: string }> {
    const status = body.status ?? 0;
    if (status !== 0 && status !== 1) {
      throw new AppException(
        ErrorCode.PROTOCOL_CREATE_ERROR,
        `status value can only be 0 or 1, current value is ${status}`,
      );
    }
    const app = await this.apps.resolve(body.app_id ?? '');
    const data = body.data ?? {};
    if (isNonEmpty(data)) this.protocol.validate(data, ErrorCode.PROTOCOL_CREATE_ERROR);
    const row = await this.flows.insert({
      groupId: newSnowflakeId(),
      name: body.name ?? '',
      data,
      releaseData: {},
      description: body.description ?? '',
      version: DRAFT_VERSION,
      status,
      releaseStatus: 0,
      appId: body.app_id ?? '',
      source: app.actualSource,
      tag: 0,
      ...(creatorAppId ? { createBy: creatorAppId } : {}),
    });
    return { flow_id: row.id };
  }

  /** The row as pretty JSON text (the reference answers a string, docs/decisions.md#q10). 20201 unknown. */
  async get(body: FlowRefDto): Promise<string> {
    return flowRowJson(await this.load(body.flow_id, ErrorCode.FLOW_GET_ERROR));
  }

  /**
   * Validates the protocol, then applies the non-empty fields. Publishing (status > 0, stored
   * or requested) binds the flow's own app: 20205 without one, app resolution codes otherwise.
   */
  async update(flowId: string, body: UpdateFlowDto): Promise<void> {
    this.published.invalidateFlow(flowId);
    if (isNonEmpty(body.data)) this.protocol.validate(body.data, ErrorCode.PROTOCOL_UPDATE_ERROR);
    const row = await this.load(flowId, ErrorCode.PROTOCOL_UPDATE_ERROR);
    const requested = body.status ?? 0;
    let ownerAppId: string | undefined;
    if (row.status > 0 || requested > 0) {
      if (!row.appId) throw new AppException(ErrorCode.FLOW_NO_APP_ID_ERROR);
      ownerAppId = (await this.apps.resolve(row.appId)).id;
    }
    const patch: FlowPatch = {};
    if (body.name) patch.name = body.name;
    if (body.description) patch.description = body.description;
    if (body.app_id) patch.appId = body.app_id;
    if (isNonEmpty(body.data)) patch.data = body.data;
    if (requested) {
      patch.status = requested;
      if (requested > 0) patch.releaseData = patch.data ?? row.data;
    }
    const write = () =>
      this.transactions.run(async (manager) => {
        if (ownerAppId !== undefined) {
          await this.licenses.ensureExists(ownerAppId, row.groupId, manager);
        }
        // the row may have been deleted since it was read: nothing was written then
        if (!(await this.flows.update(row.id, patch, manager))) {
          throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
        }
      });
    // a concurrent update may create the same licence first (unique key): the retry finds it
    await write().catch((error: unknown) => {
      if (isQueryFailure(error)) return write();
      throw error;
    });
    this.published.invalidateGroup(row.groupId);
    // compiled engines of the row go now, not only when their update_at check misses
    this.changes.changed(row.id);
  }

  /**
   * Deletes the row with this id owned by `app_id` (absent/null: rows without owner). Not found
   * is folded into the route's 20103, as in the reference.
   */
  async delete(body: FlowRefDto): Promise<void> {
    const id = requireNumericFlowId(body.flow_id, ErrorCode.PROTOCOL_DELETE_ERROR);
    const row = await this.flows.findById(id);
    const appId = body.app_id ?? null;
    if (!row || !(await this.flows.deleteByIdAndApp(id, appId))) {
      throw new AppException(ErrorCode.PROTOCOL_DELETE_ERROR);
    }
    this.published.invalidateGroup(row.groupId);
  }

  /** Builds the stored protocol to validate it (the SSE route reports the outcome). */
  async build(flowId: string): Promise<void> {
    const row = await this.load(flowId, ErrorCode.PROTOCOL_BUILD_ERROR);
    this.protocol.validate(row.data, ErrorCode.PROTOCOL_BUILD_ERROR);
  }

  /** The row by id: 20201 when absent; a non-numeric id answers the route's fallback code. */
  private async load(rawId: string, routeFallback: ErrorCodeEntry): Promise<FlowEntity> {
    const row = await this.flows.findById(requireNumericFlowId(rawId, routeFallback));
    if (!row) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
    return row;
  }
}

/** Python truthiness of a JSON object: present and with at least one key. */
function isNonEmpty(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.keys(value).length > 0;
}
