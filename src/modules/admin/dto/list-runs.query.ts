import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from './page.query';

export const RUN_STATUSES = ['running', 'paused', 'succeeded', 'failed', 'cancelled'] as const;

/** `GET /workflow/v1/admin/runs`: filters (all optional) and the page (1-based). */
export class ListRunsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Alias id of the calling app', example: 'demo-app' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  app_id?: string;

  @ApiPropertyOptional({ description: 'Flow id (decimal string)', example: '7400000000000000001' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  flow_id?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: (typeof RUN_STATUSES)[number];

  @ApiPropertyOptional({
    description: 'Runs started at or after this time (ISO 8601)',
    example: '2025-01-02T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({
    description: 'Runs started at or before this time (ISO 8601)',
    example: '2025-01-03T00:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}
