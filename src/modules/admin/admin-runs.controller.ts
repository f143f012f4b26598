import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { ApiEnvelope } from '../../core/http/api-envelope.decorator';
import { Enveloped } from '../../core/http/envelope.interceptor';
import { ADMIN_AUTH_ERRORS, ADMIN_TAG, adminNote } from './admin-api-docs';
import { ADMIN_OPERATION_FAILED, RUN_NOT_FOUND } from './admin-errors';
import { AdminRunsService } from './admin-runs.service';
import { AdminTokenGuard } from './admin-token.guard';
import { ListRunsQuery } from './dto/list-runs.query';
import type { RunRecordDto, RunRecordPageDto, RunTraceDto } from './dto/run-record.dto';

const RUN_ID = '0b1f6c2e4a7d40c8b3e5f1a2c4d6e8f0';
const EXAMPLE_RUN: RunRecordDto = {
  run_id: RUN_ID,
  parent_run_id: null,
  sid: 'spf0001a2b3c4d5e6f@hf19a2b3c4d5e6f7',
  flow_id: '7400000000000000001',
  version: 'v1.0',
  app_id: 'demo-app',
  uid: 'u1',
  chat_id: '',
  mode: 'release',
  status: 'failed',
  started_at: '2025-01-02T03:04:05.000Z',
  updated_at: '2025-01-02T03:04:06.000Z',
  finished_at: '2025-01-02T03:04:06.000Z',
  usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  error: { code: 20100, message: 'node failed' },
};
const EXAMPLE_TRACE: RunTraceDto = {
  ...EXAMPLE_RUN,
  nodes: [
    {
      node_id: 'node-start::9d1c8f2e-0000-4000-8000-000000000001',
      node_type: 'node-start',
      alias_name: 'Start',
      inputs: { AGENT_USER_INPUT: 'Ada' },
      outputs: { AGENT_USER_INPUT: 'Ada' },
      started_at: '2025-01-02T03:04:05.010Z',
      finished_at: '2025-01-02T03:04:05.012Z',
      duration_ms: 2,
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      error: null,
      retries: 0,
      retry_error: null,
    },
    {
      node_id: 'ifly-code::9d1c8f2e-0000-4000-8000-000000000002',
      node_type: 'ifly-code',
      alias_name: 'Code',
      inputs: { name: 'Ada' },
      outputs: {},
      started_at: '2025-01-02T03:04:05.012Z',
      finished_at: '2025-01-02T03:04:06.000Z',
      duration_ms: 988,
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      error: { code: 20100, message: 'node failed' },
      // the node's retryConfig allowed two retries: all three attempts failed
      retries: 2,
      retry_error: { code: 20100, message: 'node failed' },
    },
  ],
};

/** Operators' view of run history and node traces (docs/api.md#run-records). */
@ApiTags(ADMIN_TAG)
@ApiBearerAuth('admin')
@Controller('workflow/v1/admin/runs')
@Enveloped()
@UseGuards(AdminTokenGuard)
@RouteErrors({ fallback: ADMIN_OPERATION_FAILED })
export class AdminRunsController {
  constructor(private readonly runs: AdminRunsService) {}

  @Get()
  @ApiOperation({
    summary: 'List recorded runs, newest first',
    description:
      'Runs of the last RUN_RETENTION_DAYS (chat, debug, resumed continuations, in-process ' +
      'sub-flows with their `parent_run_id`), filtered by app, flow, status and start time.',
  })
  @ApiEnvelope({
    data: { items: [EXAMPLE_RUN], total: 1, page: 1, page_size: 20 },
    errors: [...ADMIN_AUTH_ERRORS, ErrorCode.PARAM_ERROR],
    note: adminNote(),
  })
  list(@Query() query: ListRunsQuery): Promise<RunRecordPageDto> {
    return this.runs.list(query);
  }

  @Get(':run_id')
  @ApiOperation({
    summary: 'A run with its node trace',
    description:
      'Node executions in the order they started: inputs and outputs (secrets redacted, ' +
      'fields over 16 KiB of JSON cut to a marked preview), timings, usage and error.',
  })
  @ApiParam({ name: 'run_id', example: RUN_ID, description: 'The run (event) id' })
  @ApiEnvelope({
    data: EXAMPLE_TRACE,
    errors: [...ADMIN_AUTH_ERRORS, RUN_NOT_FOUND],
    note: adminNote('404 (HTTP 404): no record of this run; '),
  })
  trace(@Param('run_id') runId: string): Promise<RunTraceDto> {
    return this.runs.trace(runId);
  }
}
