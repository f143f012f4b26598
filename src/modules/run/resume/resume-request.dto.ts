import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsOptional, IsString } from 'class-validator';

/** Body of the resume routes (`ResumeVo`, docs/api.md#resume); unknown keys are dropped. */
export class ResumeRequestDto {
  @ApiProperty({
    description: '`event_data.event_id` of the interrupt frame',
    example: '9b1f6c2e4a7d40c8b3e5f1a2c4d6e8f0',
  })
  @IsDefined()
  @IsString()
  event_id!: string;

  /** `resume`, `ignore` or `abort`; any string is accepted and judged by the waiting node */
  @ApiPropertyOptional({
    default: 'resume',
    example: 'resume',
    description:
      '`resume` (answer), `ignore` (only when the node needs no reply) or `abort` (ends the run ' +
      'with 23802); any other string is accepted and fails the node with 23802',
  })
  @IsOptional()
  @IsString()
  event_type: string = 'resume';

  @ApiProperty({ description: 'the answer: an option id (e.g. `A`) or free text', example: 'B' })
  @IsDefined()
  @IsString()
  content!: string;
}
