import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** `GET /workflow/v1/admin/flows`: the owner app and the page (1-based). */
export class ListFlowsQuery {
  @ApiProperty({
    description: "Alias id of the owning app (the flows' `app_id`)",
    maxLength: 255,
    example: 'tenant-demo',
  })
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  app_id!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  page_size?: number;
}
