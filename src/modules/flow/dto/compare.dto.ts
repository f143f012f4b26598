import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsObject, IsString, MaxLength } from 'class-validator';
import { FLOW_ID_EXAMPLE, PROTOCOL_EXAMPLE } from './protocol-example';

/** Body of `POST /protocolcompare/save` (also `/protocol/compare/save`). */
export class SaveComparisonDto {
  @ApiProperty({ example: FLOW_ID_EXAMPLE })
  @IsDefined()
  @IsString()
  flow_id!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: PROTOCOL_EXAMPLE })
  @IsDefined()
  @IsObject()
  data!: Record<string, unknown>;

  @ApiProperty({ maxLength: 128, example: 'v1.0' })
  @IsDefined()
  @IsString()
  @MaxLength(128)
  version!: string;
}

/** JSON body of `DELETE /protocol/compare/delete`. */
export class DeleteComparisonDto {
  @ApiProperty({ example: FLOW_ID_EXAMPLE })
  @IsDefined()
  @IsString()
  flow_id!: string;

  @ApiProperty({ maxLength: 128, example: 'v1.0' })
  @IsDefined()
  @IsString()
  @MaxLength(128)
  version!: string;
}
