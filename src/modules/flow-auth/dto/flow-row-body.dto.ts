import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, IsString, MaxLength } from 'class-validator';

/** The `flow_id` both flow-auth bodies (publish, bind) start with. */
export class FlowRowBodyDto {
  @ApiProperty({ description: 'Flow row id (decimal string)', example: '7381234567890123456' })
  @IsDefined()
  @IsString()
  @MaxLength(64)
  flow_id!: string;
}
