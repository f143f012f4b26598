import { ApiProperty } from '@nestjs/swagger';
import { AppEntity } from '../../../database/entities';

/** An app as the admin API shows it (column names; `api_secret` is never returned). */
export class AppResponseDto {
  @ApiProperty({ example: '7381234567890123456', description: 'Internal id (decimal string)' })
  id!: string;
  @ApiProperty({ example: 'tenant-demo' })
  alias_id!: string;
  @ApiProperty({ example: 'Demo tenant' })
  name!: string;
  @ApiProperty({ nullable: true, example: 'Publishes the demo flows' })
  description!: string | null;
  @ApiProperty({ example: 1 })
  is_tenant!: number;
  @ApiProperty({ example: 1 })
  source!: number;
  @ApiProperty({ example: 1 })
  actual_source!: number;
  @ApiProperty({ example: 7 })
  plat_release_auth!: number;
  @ApiProperty({ example: 1 })
  status!: number;
  @ApiProperty({ example: 0 })
  audit_policy!: number;
  @ApiProperty({ example: 'key-123' })
  api_key!: string;
  @ApiProperty({ example: '2025-01-02T03:04:05.000Z' })
  create_at!: string;
  @ApiProperty({ example: '2025-01-02T03:04:05.000Z' })
  update_at!: string;
}

export class AppListResponseDto {
  @ApiProperty({ type: [AppResponseDto] })
  items!: AppResponseDto[];
  @ApiProperty({ example: 1 })
  total!: number;
  @ApiProperty({ example: 0 })
  offset!: number;
  @ApiProperty({ example: 50 })
  limit!: number;
}

export function toAppResponse(app: AppEntity): AppResponseDto {
  return {
    id: app.id,
    alias_id: app.aliasId,
    name: app.name,
    description: app.description,
    is_tenant: app.isTenant,
    source: app.source,
    actual_source: app.actualSource,
    plat_release_auth: app.platReleaseAuth,
    status: app.status,
    audit_policy: app.auditPolicy,
    api_key: app.apiKey,
    create_at: new Date(app.createAt).toISOString(),
    update_at: new Date(app.updateAt).toISOString(),
  };
}
