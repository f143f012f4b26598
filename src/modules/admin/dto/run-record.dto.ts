import { ApiProperty } from '@nestjs/swagger';
import { PageDto } from './page.dto';

export class RunUsageDto {
  @ApiProperty({ example: 12 })
  prompt_tokens!: number;
  @ApiProperty({ example: 30 })
  completion_tokens!: number;
  @ApiProperty({ example: 42 })
  total_tokens!: number;
}

export class RunErrorDto {
  @ApiProperty({ example: 20100 })
  code!: number;
  @ApiProperty({ example: 'node failed' })
  message!: string;
}

/** A run as the admin API lists it (docs/api.md#run-records). */
export class RunRecordDto {
  @ApiProperty({ example: '0b1f6c2e4a7d40c8b3e5f1a2c4d6e8f0', description: 'The run event id' })
  run_id!: string;
  @ApiProperty({ nullable: true, type: String, description: "A sub-flow run's parent run" })
  parent_run_id!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Sid of the starting request' })
  sid!: string | null;
  @ApiProperty({ example: '7400000000000000001' })
  flow_id!: string;
  @ApiProperty({ example: 'v1.0', description: 'Requested version, "" for the latest' })
  version!: string;
  @ApiProperty({ example: 'demo-app' })
  app_id!: string;
  @ApiProperty({ example: 'u1' })
  uid!: string;
  @ApiProperty({ example: '' })
  chat_id!: string;
  @ApiProperty({ enum: ['release', 'debug'] })
  mode!: string;
  @ApiProperty({ enum: ['running', 'paused', 'succeeded', 'failed', 'cancelled'] })
  status!: string;
  @ApiProperty({ example: '2025-01-02T03:04:05.000Z' })
  started_at!: string;
  @ApiProperty({ example: '2025-01-02T03:04:06.000Z' })
  updated_at!: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-01-02T03:04:06.000Z' })
  finished_at!: string | null;
  @ApiProperty({ type: RunUsageDto })
  usage!: RunUsageDto;
  @ApiProperty({ type: RunErrorDto, nullable: true })
  error!: RunErrorDto | null;
}

export class RunRecordPageDto extends PageDto(RunRecordDto) {}

/** One node execution of a run's trace. */
export class RunNodeDto {
  @ApiProperty({ example: 'spark-llm::8f2d…' })
  node_id!: string;
  @ApiProperty({ example: 'spark-llm' })
  node_type!: string;
  @ApiProperty({ example: 'LLM' })
  alias_name!: string;
  @ApiProperty({
    description: 'Secrets redacted; over 16 KiB of JSON: `{truncated: true, size, preview}`',
    example: { input: 'Ada' },
  })
  inputs!: unknown;
  @ApiProperty({ example: { output: 'Hello, Ada!' } })
  outputs!: unknown;
  @ApiProperty({ example: '2025-01-02T03:04:05.100Z' })
  started_at!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: still running at the end' })
  finished_at!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 850 })
  duration_ms!: number | null;
  @ApiProperty({ type: RunUsageDto })
  usage!: RunUsageDto;
  @ApiProperty({ type: RunErrorDto, nullable: true })
  error!: RunErrorDto | null;
  @ApiProperty({
    example: 2,
    description: 'Attempts after the first (retryConfig); 0 for a node without error handling',
  })
  retries!: number;
  @ApiProperty({
    type: RunErrorDto,
    nullable: true,
    description:
      'Error of its last failed attempt (retried, handled or final); null if none failed',
  })
  retry_error!: RunErrorDto | null;
}

export class RunTraceDto extends RunRecordDto {
  @ApiProperty({ type: [RunNodeDto], description: 'Node executions in the order they started' })
  nodes!: RunNodeDto[];
}
