import { Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';
import type {
  RunOutcomeColumns,
  WorkflowRunEntity,
  WorkflowRunNodeEntity,
} from '../../database/entities';
import { RunRecordRepository } from '../../database/repositories/run-record.repository';
import { RUN_NOT_FOUND } from './admin-errors';
import type { ListRunsQuery } from './dto/list-runs.query';
import { pageWindow } from './dto/page.query';
import type { RunNodeDto, RunRecordDto, RunRecordPageDto, RunTraceDto } from './dto/run-record.dto';

/** Operators' read access to run records (docs/api.md#run-records). */
@Injectable()
export class AdminRunsService {
  constructor(private readonly records: RunRecordRepository) {}

  async list(query: ListRunsQuery): Promise<RunRecordPageDto> {
    const { page, pageSize, offset } = pageWindow(query);
    const { items, total } = await this.records.list(
      {
        appId: query.app_id,
        flowId: query.flow_id,
        status: query.status,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
      },
      offset,
      pageSize,
    );
    return { items: items.map(toRunRecord), total, page, page_size: pageSize };
  }

  async trace(runId: string): Promise<RunTraceDto> {
    const run = await this.records.findRun(runId);
    if (!run) throw new AppException(RUN_NOT_FOUND, `run_id ${runId}`).withHttpStatus(404);
    const nodes = await this.records.findNodes(runId);
    return { ...toRunRecord(run), nodes: nodes.map(toRunNode) };
  }
}

function toRunRecord(row: WorkflowRunEntity): RunRecordDto {
  return {
    run_id: row.runId,
    parent_run_id: row.parentRunId,
    sid: row.sid,
    flow_id: row.flowId,
    version: row.version,
    app_id: row.appId,
    uid: row.uid,
    chat_id: row.chatId,
    mode: row.mode,
    status: row.status,
    started_at: row.startedAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    finished_at: row.finishedAt ? row.finishedAt.toISOString() : null,
    usage: usageOf(row),
    error: errorOf(row),
  };
}

function toRunNode(row: WorkflowRunNodeEntity): RunNodeDto {
  return {
    node_id: row.nodeId,
    node_type: row.nodeType,
    alias_name: row.aliasName,
    inputs: row.inputs,
    outputs: row.outputs,
    started_at: row.startedAt.toISOString(),
    finished_at: row.finishedAt ? row.finishedAt.toISOString() : null,
    duration_ms: row.durationMs,
    usage: usageOf(row),
    error: errorOf(row),
    retries: row.retries,
    retry_error:
      row.retryErrorCode === null
        ? null
        : { code: row.retryErrorCode, message: row.retryErrorMessage ?? '' },
  };
}

function usageOf(row: RunOutcomeColumns) {
  return {
    prompt_tokens: row.promptTokens,
    completion_tokens: row.completionTokens,
    total_tokens: row.totalTokens,
  };
}

function errorOf(row: RunOutcomeColumns) {
  return row.errorCode === null && row.errorMessage === null
    ? null
    : { code: row.errorCode ?? 0, message: row.errorMessage ?? '' };
}
