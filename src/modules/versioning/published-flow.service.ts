import { Injectable } from '@nestjs/common';
import { TtlCache } from '../../core/cache/ttl-cache';
import { AppConfig } from '../../core/config/app-config';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { isSnowflakeString } from '../../core/ids/snowflake';
import { FlowEntity } from '../../database/entities';
import { LicenseRepository } from '../../database/repositories/license.repository';
import { FlowRepository } from '../../database/repositories/flow.repository';
import { isLookupPublished } from './release-status';
import { freezeRow, handOut } from './shared-row';
import { compareVersionsDesc } from './version-order';

/**
 * The published-flow lookup of docs/api.md#published-flow-lookup (open chat, get_flow_info, debug with a
 * version). Unlike the reference, the cache key includes the app (docs/decisions.md#q8), so a cached row
 * never skips the licence check of another app.
 */
@Injectable()
export class PublishedFlowService {
  private readonly cache: TtlCache<FlowEntity>;

  constructor(
    config: AppConfig,
    private readonly flows: FlowRepository,
    private readonly licenses: LicenseRepository,
  ) {
    this.cache = new TtlCache(config.cacheTtlSec * 1000);
  }

  /**
   * The published row serving `flowId` for the app `aliasId`: the highest version among the
   * group's rows published on Xingchen or the Open platform (only label `version` when given).
   * 20201 unknown (or non-numeric) flow id; 20004 no licence; 20005 licence disabled;
   * 20204 nothing published.
   */
  async findPublished(flowId: string, aliasId: string, version?: string): Promise<FlowEntity> {
    const key = cacheKey(flowId, aliasId, version);
    const cached = this.cache.get(key);
    // callers share the frozen cached row (a deep copy per request was a hotspot)
    if (cached) return handOut(cached);
    if (!isSnowflakeString(flowId)) {
      throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR, `flow_id is not a numeric id`);
    }
    const flow = await this.flows.findById(flowId);
    if (!flow) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
    const license = await this.licenses.findByAliasAndGroup(aliasId, flow.groupId);
    if (!license) throw new AppException(ErrorCode.APP_FLOW_NOT_AUTH_BOND_ERROR);
    if (license.status === 0) throw new AppException(ErrorCode.APP_FLOW_NO_LICENSE_ERROR);
    const [published] = (await this.flows.findByGroup(flow.groupId))
      .filter(
        (row) => isLookupPublished(row.releaseStatus) && (!version || row.version === version),
      )
      .sort((a, b) => compareVersionsDesc(a.version, b.version));
    if (!published) throw new AppException(ErrorCode.FLOW_NOT_PUBLISH_ERROR);
    // a fresh row of its own: freezing it cannot touch another lookup's result
    const shared = freezeRow(structuredClone(published));
    this.cache.set(key, shared);
    return handOut(shared);
  }

  /** Forgets every lookup made through this flow id (publish step 1, protocol update). */
  invalidateFlow(flowId: string): void {
    const prefix = `${flowId}\u0000`;
    this.cache.deleteWhere((_row, key) => key.startsWith(prefix));
  }

  /**
   * Forgets every lookup that resolved to a row of this group, whichever flow id or app it was
   * made with (publishing changes `release_status` of the whole group).
   */
  invalidateGroup(groupId: string): void {
    this.cache.deleteWhere((row) => row.groupId === groupId);
  }
}

function cacheKey(flowId: string, aliasId: string, version?: string): string {
  // NUL separators: no id, alias or label can forge another key
  return `${flowId}\u0000${version ? `v:${version}` : 'latest'}\u0000${aliasId}`;
}
