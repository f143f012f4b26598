import { Injectable } from '@nestjs/common';
import { Transaction, Transactions } from '../../database/transactions';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { paramException } from '../../core/errors/param-error';
import { AppEntity, FlowEntity } from '../../database/entities';
import { AppResolverService } from '../app/app-resolver.service';
import { FlowChanges } from '../flow/flow-changes';
import { FlowPatch, FlowRepository } from '../../database/repositories/flow.repository';
import { PublishedFlowService } from '../versioning/published-flow.service';
import { PublishDto } from './dto/publish.dto';
import {
  applyReleaseOp,
  isPlatform,
  isReleaseOp,
  operationName,
  platformName,
  ReleaseOp,
  REQUEST_PLATFORMS,
} from './release-matrix';
import { workflowDataViolations } from './workflow-data.validator';

const WORKING_VERSION = '-1';

/**
 * Publish / take down a flow on a platform for a tenant (docs/api.md#publish), checks in the
 * documented order. Out-of-range `release_status`/`plat` and a flow whose source is no platform
 * are refused up front with a clear 20206 (docs/decisions.md#q7). All writes happen in one transaction.
 */
@Injectable()
export class PublishService {
  constructor(
    private readonly transactions: Transactions,
    private readonly apps: AppResolverService,
    private readonly flows: FlowRepository,
    private readonly published: PublishedFlowService,
    private readonly changes: FlowChanges,
  ) {}

  async publish(tenantAlias: string, dto: PublishDto): Promise<void> {
    const violations = workflowDataViolations(dto.data);
    if (violations.length) throw paramException(violations);
    this.published.invalidateFlow(dto.flow_id);
    const op = checkedOperation(dto.release_status);
    const requestedPlat = checkedPlatform(dto.plat ?? 0);

    const tenant = await this.apps.resolve(tenantAlias);
    if (tenant.isTenant !== 1) throw new AppException(ErrorCode.APP_TENANT_NOT_FOUND_ERROR);
    const plat = requestedPlat || tenant.source;
    if (!isPlatform(plat)) {
      throw publishError(
        `app ${tenantAlias} has no platform of its own (source ${plat}); give plat 1, 2 or 4`,
      );
    }

    const groupId = await this.transactions.run(async (manager) => {
      const flow = await this.flows.findById(dto.flow_id, manager);
      if (!flow) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
      checkPermissions(tenant, flow, plat);
      const releaseStatus = applyReleaseOp(flow.releaseStatus ?? 0, op, plat);
      if (releaseStatus === null) {
        throw new AppException(
          ErrorCode.APP_PLAT_NOT_RELEASE_OP_ERROR,
          `Error: ${platformName(plat)} does not support ${operationName(op)} operation`,
        );
      }
      await this.apply(manager, flow, op, releaseStatus, dto);
      return flow.groupId;
    });
    this.published.invalidateGroup(groupId);
    // compiled engines of the flow go now, not only when their update_at check misses
    this.changes.changed(dto.flow_id);
  }

  /** Steps 9–12: release bits and data on the row, the version snapshot, the group's bits. */
  private async apply(
    manager: Transaction,
    flow: FlowEntity,
    op: ReleaseOp,
    releaseStatus: number,
    dto: PublishDto,
  ): Promise<void> {
    // release data follows the draft for every op (docs/decisions.md#q6); a supplied protocol replaces both,
    // stored exactly as sent (docs/decisions.md#q5)
    const publishing = op === 1 || op === 2;
    const data = publishing && dto.data ? dto.data : flow.data;
    const patch: FlowPatch = { releaseStatus, data, releaseData: data };
    const label = dto.version ?? '';
    if (publishing && label) {
      const snapshot = await this.flows.findByGroupAndVersion(flow.groupId, label, manager);
      if (!snapshot) {
        await this.ensureCanBecomeWorkingRow(manager, flow);
        await this.flows.insert(
          {
            groupId: flow.groupId,
            name: flow.name,
            data,
            releaseData: data,
            description: flow.description,
            status: flow.status,
            releaseStatus,
            appId: flow.appId,
            source: flow.source,
            version: label,
          },
          manager,
        );
        patch.version = WORKING_VERSION;
      } else if (snapshot.id !== flow.id) {
        await this.flows.update(snapshot.id, { releaseStatus, data, releaseData: data }, manager);
      }
    }
    await this.flows.update(flow.id, patch, manager);
    await this.flows.updateGroupReleaseStatus(flow.groupId, releaseStatus, manager);
  }

  /** A snapshot row published under a new label would clash with the group's working row. */
  private async ensureCanBecomeWorkingRow(manager: Transaction, flow: FlowEntity) {
    if (flow.version === WORKING_VERSION) return;
    const working = await this.flows.findByGroupAndVersion(flow.groupId, WORKING_VERSION, manager);
    if (working && working.id !== flow.id) {
      throw publishError(
        `flow ${flow.id} is the row of version "${flow.version}"; publish new versions from the working row ${working.id}`,
      );
    }
  }
}

function checkedOperation(value: number): ReleaseOp {
  if (!isReleaseOp(value)) {
    throw publishError(`release_status must be one of 0, 1, 2, 3; got ${value}`);
  }
  return value;
}

function checkedPlatform(value: number): number {
  if (!(REQUEST_PLATFORMS as readonly number[]).includes(value)) {
    throw publishError(`plat must be one of 0, 1, 2, 4; got ${value}`);
  }
  return value;
}

/** Steps 6–7: the tenant may publish to the platform, and to the flow's own platform. */
function checkPermissions(tenant: AppEntity, flow: FlowEntity, plat: number): void {
  if ((tenant.platReleaseAuth & plat) === 0) {
    throw new AppException(
      ErrorCode.APP_TENANT_PLATFORM_UNAUTHORIZED_ERROR,
      `Current app_id does not have permission to publish to ${platformName(plat)}`,
    );
  }
  if ((tenant.platReleaseAuth & flow.source) === 0) {
    if (!isPlatform(flow.source)) {
      throw publishError(`flow source ${flow.source} is not a platform (1, 2 or 4)`);
    }
    const name = platformName(flow.source);
    throw new AppException(
      ErrorCode.APP_TENANT_PLATFORM_UNAUTHORIZED_ERROR,
      `Current flow is on platform ${name}, but current app_id does not have permission for ${name}`,
    );
  }
}

function publishError(detail: string): AppException {
  return new AppException(ErrorCode.FLOW_PUBLISH_ERROR, detail);
}
