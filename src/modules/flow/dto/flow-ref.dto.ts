import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString, MaxLength } from 'class-validator';
import { FLOW_ID_EXAMPLE } from './protocol-example';

/** Body of `POST /protocol/get` and `POST /protocol/delete`. */
export class FlowRefDto {
  @ApiProperty({ description: 'Flow id (decimal string)', example: FLOW_ID_EXAMPLE })
  @IsDefined()
  @IsString()
  flow_id!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 255,
    description: 'Ignored by get; delete removes the row only when its app_id equals this value',
    example: 'a1b2c3d4',
  })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  app_id?: string | null;
}
