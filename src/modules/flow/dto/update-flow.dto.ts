import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PROTOCOL_EXAMPLE } from './protocol-example';

/** Body of `POST /protocol/update/{flow_id}`: each field is applied only when non-empty. */
export class UpdateFlowDto {
  @ApiPropertyOptional({ description: 'Ignored' })
  @IsOptional()
  @IsString()
  id?: string;

  @ApiPropertyOptional({ maxLength: 128, example: 'demo v2' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  name?: string;

  @ApiPropertyOptional({ maxLength: 1024, example: 'echoes the question, politely' })
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  description?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The protocol; validated by a workflow build before anything is stored',
    example: PROTOCOL_EXAMPLE,
  })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 255, example: 'a1b2c3d4' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  app_id?: string;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'Non-zero replaces the status (0 cannot be set here); > 0 also copies data to ' +
      'release_data and binds the owner app (licence)',
    example: 1,
  })
  @IsOptional()
  @IsInt()
  @Min(-2147483648)
  @Max(2147483647)
  status?: number;
}
