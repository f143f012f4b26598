import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation } from '@nestjs/swagger';
import { ErrorCode } from '../../core/errors/error-code';
import { RouteErrors } from '../../core/errors/error-route.metadata';
import { RequiresConsumer } from '../../core/http/consumer.decorator';
import { RawResponse } from '../../core/http/envelope.interceptor';
import { ChatRequestDto } from './dto/chat-request.dto';
import { ApiRunResponses } from '../run/api-docs/run-api-docs';
import {
  AGGREGATED_CHUNK_EXAMPLE,
  DEBUG_FIRST_CHUNK_EXAMPLE,
  DEBUG_STREAM_EXAMPLE,
  RELEASE_STREAM_EXAMPLE,
} from '../run/api-docs/run-api-examples';
import type { RunView } from '../run/run-view';

/** Pre-stream checks of both chat routes in the order they run (docs/api.md#chat-completions, docs/api.md#debug-chat). */
const PRE_STREAM_ERRORS = [
  ErrorCode.PARAM_ERROR,
  ErrorCode.FLOW_NOT_FOUND_ERROR,
  ErrorCode.APP_FLOW_NOT_AUTH_BOND_ERROR,
  ErrorCode.APP_FLOW_NO_LICENSE_ERROR,
  ErrorCode.FLOW_NOT_PUBLISH_ERROR,
  ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR,
  ErrorCode.APP_TENANT_NOT_FOUND_ERROR,
  ErrorCode.OPEN_API_ERROR,
];

/** Codes a run reports in its terminal frame (docs/api.md#chat-completions run phase, docs/api.md#errors-during-a-run). */
export const RUN_PHASE_ERRORS = [
  ErrorCode.PROTOCOL_VALIDATION_ERROR,
  ErrorCode.ENG_PROTOCOL_VALIDATE_ERROR,
  ErrorCode.ENG_BUILD_ERROR,
  ErrorCode.FILE_INVALID_ERROR,
  ErrorCode.FILE_VARIABLE_PROTOCOL_ERROR,
  ErrorCode.FILE_INVALID_TYPE_ERROR,
  ErrorCode.AUDIT_ERROR,
  ErrorCode.AUDIT_SERVER_ERROR,
  ErrorCode.AUDIT_INPUT_ERROR,
  ErrorCode.AUDIT_OUTPUT_ERROR,
  ErrorCode.AUDIT_QA_ERROR,
  ErrorCode.ENG_RUN_ERROR,
  ErrorCode.NODE_RUN_ERROR,
  ErrorCode.LLM_NODE_EXECUTION_ERROR,
  ErrorCode.SPARK_REQUEST_ERROR,
  ErrorCode.OPEN_API_STREAM_QUEUE_TIMEOUT_ERROR,
  ErrorCode.OPEN_API_ERROR,
];

const OPERATIONS: Record<RunView, { summary: string; description: string }> = {
  release: {
    summary: 'Run a published flow (release view)',
    description:
      'Runs the published version (`version`, empty = latest) of `flow_id` for the calling app ' +
      '(licence and publish checks, credential substitution). `stream=true` answers SSE with ' +
      'release filtering: only user-visible content, `seq` 1-based, progress rounded, no node ' +
      'info. `stream=false` answers one aggregated `application/json` chunk. A paused run ends ' +
      'with `finish_reason: "interrupt"` and `event_data.event_id` for `/workflow/v1/resume`.',
  },
  debug: {
    summary: 'Debug-run a flow draft (debug view)',
    description:
      'Runs the draft `data` of `flow_id` (with `version`: of that published version, licence ' +
      'checks apply; without: no licence or publish check). Every frame is sent unfiltered ' +
      '(node info, `seq` 0, raw progress). `stream=false` answers the first frame as one ' +
      '`application/json` chunk. A paused run ends with `finish_reason: "interrupt"`; continue ' +
      'it with `/workflow/v1/debug/resume`.',
  },
};

/**
 * The whole decorator stack of `POST …/chat/completions` (release and debug): route, consumer
 * header check, raw chunk responses, the pre-stream error policy and its Swagger docs.
 */
export function ChatRunRoute(view: RunView) {
  return applyDecorators(
    Post('chat/completions'),
    HttpCode(200),
    RequiresConsumer(),
    RawResponse(),
    RouteErrors({ fallback: ErrorCode.OPEN_API_ERROR, shape: 'chunk' }),
    ApiOperation(OPERATIONS[view]),
    ApiHeader({
      name: 'X-Consumer-Username',
      required: true,
      description:
        'Alias id of the calling app (also read as `x_consumer_username`); missing → 460',
    }),
    ApiBody({ type: ChatRequestDto }),
    ApiRunResponses({
      preStream: PRE_STREAM_ERRORS,
      inStream: RUN_PHASE_ERRORS,
      ...(view === 'release'
        ? {
            stream: { summary: 'stream=true, release view', value: RELEASE_STREAM_EXAMPLE },
            json: { summary: 'stream=false: aggregated chunk', value: AGGREGATED_CHUNK_EXAMPLE },
          }
        : {
            stream: { summary: 'stream=true, debug view (abridged)', value: DEBUG_STREAM_EXAMPLE },
            json: { summary: 'stream=false: the first frame', value: DEBUG_FIRST_CHUNK_EXAMPLE },
          }),
    }),
  );
}
