import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import { ErrorCode } from '../../../core/errors/error-code';
import { RouteErrors } from '../../../core/errors/error-route.metadata';
import { RawResponse } from '../../../core/http/envelope.interceptor';
import { ApiRunResponses } from '../api-docs/run-api-docs';
import { DEBUG_STREAM_EXAMPLE, RELEASE_STREAM_EXAMPLE } from '../api-docs/run-api-examples';
import type { RunView } from '../run-view';
import { ResumeRequestDto } from './resume-request.dto';

/** Checks before the resumed stream starts, in order (docs/api.md#resume). */
const PRE_STREAM_ERRORS = [
  ErrorCode.PARAM_ERROR,
  ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR,
  ErrorCode.APP_GET_WITH_REMOTE_FAILED_ERROR,
  ErrorCode.APP_TENANT_NOT_FOUND_ERROR,
  ErrorCode.AUDIT_ERROR,
  ErrorCode.AUDIT_SERVER_ERROR,
  ErrorCode.AUDIT_INPUT_ERROR,
];

/** Terminal-frame codes of a resumed run (docs/api.md#resume-stream and the question-answer answers). */
const IN_STREAM_ERRORS = [
  ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR,
  ErrorCode.OPEN_API_STREAM_QUEUE_TIMEOUT_ERROR,
  ErrorCode.AUDIT_QA_ERROR,
  ErrorCode.QUESTION_ANSWER_NODE_EXECUTION_ERROR,
  ErrorCode.QUESTION_ANSWER_RESUME_DATA_ERROR,
  ErrorCode.QUESTION_ANSWER_HANDLER_RESPONSE_ERROR,
  ErrorCode.NODE_RUN_ERROR,
  ErrorCode.ENG_RUN_ERROR,
  ErrorCode.OPEN_API_ERROR,
];

const OPERATIONS: Record<RunView, { summary: string; description: string }> = {
  release: {
    summary: 'Answer a paused run (release view)',
    description:
      'Sends the user\u2019s answer to the run paused under `event_id` and streams the rest of ' +
      'the run. Always `text/event-stream`; frames carry this request\u2019s sid and restart ' +
      '`seq` at 1; an originally non-streamed run resumes as one aggregated frame. No header is ' +
      'read: the app is the one of the stored event. Another question ends the stream with ' +
      '`finish_reason: "interrupt"` again.',
  },
  debug: {
    summary: 'Answer a paused debug run (debug view)',
    description:
      'As `/workflow/v1/resume`, but every frame of the resumed run is sent unfiltered (node ' +
      'info, `seq` 0). Always `text/event-stream`; pre-stream failures answer one JSON chunk.',
  },
};

/** The decorator stack of `POST /workflow/v1/resume` and `/workflow/v1/debug/resume`. */
export function ResumeRoute(view: RunView) {
  return applyDecorators(
    Post(view === 'release' ? 'resume' : 'debug/resume'),
    HttpCode(200),
    RawResponse(),
    RouteErrors({ fallback: ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR, shape: 'chunk' }),
    ApiOperation(OPERATIONS[view]),
    ApiBody({ type: ResumeRequestDto }),
    ApiRunResponses({
      preStream: PRE_STREAM_ERRORS,
      inStream: IN_STREAM_ERRORS,
      stream: {
        summary: `resumed stream, ${view} view`,
        value: view === 'release' ? RELEASE_STREAM_EXAMPLE : DEBUG_STREAM_EXAMPLE,
      },
    }),
  );
}
