import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { PROTOCOL_EXAMPLE } from './protocol-example';

/**
 * Body of `POST /protocol/add`. The reference accepts a whole flow row; only these fields are
 * used (`id`, `group_id`, `version`, `release_*`, `source`, `tag` and timestamps are assigned
 * by the service), every other key is ignored.
 */
export class AddFlowDto {
  @ApiPropertyOptional({ maxLength: 128, example: 'demo' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The protocol `{id?, name, description, version?, data: {nodes, edges}}`',
    example: PROTOCOL_EXAMPLE,
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 1024, example: 'echoes the question' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  description?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description: '0 draft or 1 published',
    default: 0,
    example: 0,
  })
  @IsOptional()
  @IsInt()
  status?: number;

  @ApiPropertyOptional({
    maxLength: 255,
    description: 'Owner app alias id (resolved: unknown apps answer 20001/20002)',
    example: 'a1b2c3d4',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  app_id?: string;
}
