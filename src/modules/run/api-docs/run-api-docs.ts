import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { ErrorCodeEntry } from '../../../core/errors/error-code';
import {
  INTERRUPT_FRAME_EXAMPLE,
  PARAM_ERROR_CHUNK_EXAMPLE,
  preStreamErrorChunk,
  RUN_ERROR_FRAME_EXAMPLE,
} from './run-api-examples';

type Examples = Record<string, { summary: string; value: unknown }>;

export interface RunResponseDocs {
  /** codes answered as one JSON chunk before any frame, in the order the checks run */
  preStream: ErrorCodeEntry[];
  /** codes that arrive inside the stream as a terminal frame (docs/api.md#errors-during-a-run, docs/api.md#resume-stream) */
  inStream: ErrorCodeEntry[];
  /** the normal stream of this route, as SSE text */
  stream: { summary: string; value: string };
  /** a successful `application/json` answer, when the route has one (stream=false) */
  json?: { summary: string; value: unknown };
}

const list = (errors: ErrorCodeEntry[]) => errors.map((e) => `${e.code} ${e.message}`).join('; ');

/**
 * Responses of a run route: HTTP 200 as `text/event-stream` (frames `data: <chunk>\n\n`, no
 * `[DONE]`) or `application/json` (one chunk: stream=false, or a pre-stream error), with both
 * code lists as `x-error-codes` (pre-stream) and `x-stream-error-codes` (in frames).
 */
export function ApiRunResponses({ preStream, inStream, stream, json }: RunResponseDocs) {
  const jsonExamples: Examples = json ? { success: json } : {};
  for (const e of preStream) {
    jsonExamples[`error ${e.code}`] =
      e.code === 460
        ? {
            summary: '460 chunk (docs/api.md#validation-errors-460, created in ms)',
            value: PARAM_ERROR_CHUNK_EXAMPLE,
          }
        : { summary: `${e.code} ${e.message}`, value: preStreamErrorChunk(e) };
  }
  const streamExamples: Examples = {
    stream,
    interrupt: { summary: 'paused: resume with event_id', value: INTERRUPT_FRAME_EXAMPLE },
    'run error': { summary: 'run-phase failure frame', value: RUN_ERROR_FRAME_EXAMPLE },
  };
  return applyDecorators(
    ApiProduces('text/event-stream', 'application/json'),
    ApiOkResponse({
      description:
        'Always HTTP 200. Frames end after a chunk whose `finish_reason` is `stop` or ' +
        '`interrupt`. Pre-stream failures answer one `application/json` chunk with nulls kept ' +
        `(460 uses the short shape of docs/api.md#validation-errors-460): ${list(preStream)}. ` +
        `Run-phase failures arrive as the terminal frame: ${list(inStream)}; node failures ` +
        'carry the node\u2019s own code (docs/nodes.md).',
      content: {
        'text/event-stream': { schema: { type: 'string' }, examples: streamExamples },
        'application/json': {
          schema: { type: 'object', description: 'chunk object (docs/api.md#chunk-object)' },
          examples: jsonExamples,
        },
      },
    }),
    ApiExtension('x-error-codes', preStream.map(toEntry)),
    ApiExtension('x-stream-error-codes', inStream.map(toEntry)),
  );
}

const toEntry = (e: ErrorCodeEntry) => ({ code: e.code, message: e.message });
