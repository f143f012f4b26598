import { describeReleaseStatus } from '../flow-auth/release-status-words';
import { platformName } from '../flow-auth/release-matrix';
import type { Binding, FlowSummary } from './admin-queries';
import type { AdminFlowDto, FlowVersionDto } from './dto/admin-flow.dto';
import type { BindingDto } from './dto/binding.dto';

// Rows → the admin API's JSON (ids as strings, times as ISO text, release bits in words).

export function toAdminFlow(row: FlowSummary): AdminFlowDto {
  return {
    id: row.id,
    group_id: row.groupId,
    name: row.name,
    description: row.description,
    app_id: row.appId ?? '',
    status: row.status,
    source: row.source,
    release_status: row.releaseStatus ?? 0,
    ...describeReleaseStatus(row.releaseStatus),
    create_at: iso(row.createAt),
    update_at: iso(row.updateAt),
  };
}

export function toFlowVersion(row: FlowSummary): FlowVersionDto {
  return {
    version: row.version,
    flow_id: row.id,
    create_at: iso(row.createAt),
    update_at: iso(row.updateAt),
    platform: row.source,
    platform_name: platformName(row.source),
    ...describeReleaseStatus(row.releaseStatus),
  };
}

export function toBinding({ license, app, flow }: Binding): BindingDto {
  return {
    license_id: license.id,
    app_id: license.appId,
    alias_id: app?.aliasId ?? null,
    app_name: app?.name ?? null,
    group_id: license.groupId,
    flow_id: flow?.id ?? null,
    flow_name: flow?.name ?? null,
    status: license.status,
    create_at: iso(license.createAt),
  };
}

function iso(date: Date | string): string {
  return new Date(date).toISOString();
}
