import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';

/** A new app; field names are the `app` table's columns, limits are the columns' sizes. */
export class CreateAppDto {
  @ApiProperty({
    description: 'External app id (the X-Consumer-Username value); printable ASCII, no spaces',
    maxLength: 64,
    example: 'tenant-demo',
  })
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'alias_id must be printable ASCII without spaces' })
  alias_id!: string;

  @ApiProperty({ maxLength: 30, example: 'Demo tenant' })
  @IsDefined()
  @IsString()
  @MinLength(1)
  @MaxLength(30)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    maxLength: 255,
    nullable: true,
    example: 'Publishes the demo flows',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  description?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    enum: [0, 1],
    default: 0,
    description: '1 = tenant (may publish/bind)',
  })
  @IsOptional()
  @IsInt()
  @IsIn([0, 1])
  is_tenant?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    enum: [0, 1, 2, 4],
    default: 0,
    description: 'Owning platform: 1 Xingchen, 2 Open platform, 4 AIUI',
  })
  @IsOptional()
  @IsInt()
  @IsIn([0, 1, 2, 4])
  source?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    enum: [0, 1, 2, 4],
    description: 'Platform copied into new flows (`flow.source`); defaults to `source`',
  })
  @IsOptional()
  @IsInt()
  @IsIn([0, 1, 2, 4])
  actual_source?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 7,
    default: 0,
    description: 'Tenant publish permission: OR of platform values (1, 2, 4)',
    example: 7,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(7)
  plat_release_auth?: number | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 50,
    default: '',
    description: 'Model credential key',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  api_key?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: 50,
    default: '',
    description: 'Model credential secret (write-only: never returned)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  api_secret?: string | null;

  @ApiPropertyOptional({
    type: 'integer',
    enum: [0, 1],
    default: 0,
    description: '1 = platform audit',
  })
  @IsOptional()
  @IsInt()
  @IsIn([0, 1])
  audit_policy?: number | null;
}
