import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { FlowRowBodyDto } from './flow-row-body.dto';

/** Documentation of the optional protocol (checked by workflowDataViolations, stored verbatim). */
export class WorkflowDataDoc {
  @ApiProperty({ minLength: 1, example: '7381234567890123456' })
  id!: string;

  @ApiProperty({ minLength: 1, example: 'demo' })
  name!: string;

  @ApiPropertyOptional({ example: 'what the flow does' })
  description?: string;

  @ApiProperty({ pattern: '^v3(\\.\\d+)*(\\.\\d+)$', example: 'v3.0.0' })
  version!: string;

  @ApiProperty({
    description:
      '`nodes` (at least 2, each with a string `id`) and `edges` (`sourceNodeId`, ' +
      '`targetNodeId`, optional `sourceHandle`); other keys are kept as sent',
    example: {
      nodes: [{ id: 'node-start::1' }, { id: 'node-end::2' }],
      edges: [{ sourceNodeId: 'node-start::1', targetNodeId: 'node-end::2' }],
    },
  })
  data!: Record<string, unknown>;
}

export class PublishDto extends FlowRowBodyDto {
  @ApiProperty({
    type: 'integer',
    description: 'Operation: 0 sync release data, 1 publish, 2 publish to API, 3 take down',
    enum: [0, 1, 2, 3],
    example: 1,
  })
  @IsDefined()
  @IsInt()
  release_status!: number;

  @ApiPropertyOptional({
    type: WorkflowDataDoc,
    nullable: true,
    description: 'New protocol for ops 1/2 (stored as sent); validated whenever present',
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    type: 'integer',
    description: 'Platform: 1 Xingchen, 2 Open platform, 4 AIUI; 0/null = the tenant app source',
    enum: [0, 1, 2, 4],
    nullable: true,
    example: 1,
  })
  @IsOptional()
  @IsInt()
  plat?: number | null;

  @ApiPropertyOptional({
    type: String,
    description: 'Version label of a snapshot (ops 1/2), e.g. v1.0',
    maxLength: 128,
    nullable: true,
    example: 'v1.0',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  version?: string | null;
}
