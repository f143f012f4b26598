import { IsDefined, IsOptional, IsString } from 'class-validator';

/** Body of the resume routes (`ResumeVo`, spec/api.md §4.4); unknown keys are dropped. */
export class ResumeRequestDto {
  @IsDefined()
  @IsString()
  event_id!: string;

  /** `resume`, `ignore` or `abort`; any string is accepted and judged by the waiting node */
  @IsOptional()
  @IsString()
  event_type: string = 'resume';

  @IsDefined()
  @IsString()
  content!: string;
}
