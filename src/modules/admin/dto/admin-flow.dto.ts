import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from './page.dto';

export class PlatformReleaseStateDto {
  @ApiProperty({ enum: [1, 2, 4], example: 1 })
  platform!: number;
  @ApiProperty({ example: 'Xingchen Platform' })
  platform_name!: string;
  @ApiProperty({ enum: ['Published', 'Taken Down', 'Unpublished'], example: 'Published' })
  status!: string;
}

/** A flow (its working row) as the admin API lists it. */
export class AdminFlowDto {
  @ApiProperty({ example: '7381234567890123456', description: 'flow_id (decimal string)' })
  id!: string;
  @ApiProperty({ example: '7381234567890120000', description: 'Group of its versions (string)' })
  group_id!: string;
  @ApiProperty({ example: 'Greeting flow' })
  name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Says hello' })
  description!: string | null;
  @ApiProperty({ example: 'tenant-demo', description: 'Owning app alias id' })
  app_id!: string;
  @ApiProperty({ example: 1, description: '0 draft, 1 published' })
  status!: number;
  @ApiProperty({ example: 1, description: 'Platform of origin (1, 2 or 4)' })
  source!: number;
  @ApiProperty({ example: 9, description: 'Raw release bit mask (docs/api.md#release-status)' })
  release_status!: number;
  @ApiProperty({ type: [PlatformReleaseStateDto], description: 'Publish status per platform' })
  platforms!: PlatformReleaseStateDto[];
  @ApiProperty({ example: true, description: 'Bit 8: published as API' })
  published_as_api!: boolean;
  @ApiProperty({ example: '2025-01-02T03:04:05.000Z' })
  create_at!: string;
  @ApiProperty({ example: '2025-01-03T03:04:05.000Z' })
  update_at!: string;
}

export class AdminFlowPageDto extends PageDto(AdminFlowDto) {}

/** A published version (snapshot row) of a flow. */
export class FlowVersionDto {
  @ApiProperty({ example: 'v1.0' })
  version!: string;
  @ApiProperty({ example: '7381234567890129999', description: 'Id of the snapshot row (string)' })
  flow_id!: string;
  @ApiProperty({ example: '2025-01-02T03:04:05.000Z', description: 'First published' })
  create_at!: string;
  @ApiProperty({ example: '2025-01-02T03:04:05.000Z', description: 'Last published again' })
  update_at!: string;
  @ApiProperty({ example: 1, description: "Platform of the flow (the row's `source`)" })
  platform!: number;
  @ApiProperty({ example: 'Xingchen Platform' })
  platform_name!: string;
  @ApiProperty({
    type: [PlatformReleaseStateDto],
    description: 'Publish status per platform (kept per flow, so the same on every version)',
  })
  platforms!: PlatformReleaseStateDto[];
  @ApiProperty({ example: false })
  published_as_api!: boolean;
}

export class FlowVersionListDto {
  @ApiProperty({ example: '7381234567890123456' })
  flow_id!: string;
  @ApiProperty({ type: [FlowVersionDto], description: 'Newest first' })
  items!: FlowVersionDto[];
}
