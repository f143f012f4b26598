import { ErrorCodeEntry } from '../../../core/errors/error-code';
import { flowStartFrame } from '../../../engine';

// Example bodies for the Swagger docs of the run routes (chat, debug chat, resume), taken from
// the shapes of docs/api.md#validation-errors-460, docs/api.md#chat-completions, docs/api.md#streaming. Documentation only: nothing here is sent.

const SID = 'spf002a0001@hf1a20a155a2c0a0b782';
const CREATED = 1727001000;
const USAGE = { completion_tokens: 3, prompt_tokens: 10, total_tokens: 13 };
const NO_USAGE = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 };

const delta = (content: string) => ({ role: 'assistant', content, reasoning_content: '' });

const frame = (body: Record<string, unknown>) => `data: ${JSON.stringify(body)}\n\n`;

/** A chunk's common fields: code and message, the request sid, the time, the step, one choice. */
const chunk = (
  code: number,
  message: string,
  step: { seq: number; progress: number },
  content: string,
  finish?: 'stop' | 'interrupt',
  created = CREATED,
) => ({
  code,
  message,
  id: SID,
  created,
  workflow_step: step,
  choices: [{ delta: delta(content), index: 0, ...(finish ? { finish_reason: finish } : {}) }],
});

/** Release stream of a `start → llm → end` flow (docs/api.md#examples): content frames, then the stop. */
export const RELEASE_STREAM_EXAMPLE = [
  { seq: 1, progress: 0.67, content: 'Hello' },
  { seq: 2, progress: 0.67, content: ' world' },
  { seq: 3, progress: 0.67, content: '!' },
]
  .map(({ seq, progress, content }) => frame(chunk(0, 'Success', { seq, progress }, content)))
  .concat(
    frame({
      ...chunk(0, 'Success', { seq: 4, progress: 1 }, '', 'stop', CREATED + 1),
      usage: USAGE,
    }),
  )
  .join('');

/** A paused run (docs/api.md#examples): the terminal `interrupt` frame carrying the event to resume. */
export const INTERRUPT_FRAME_EXAMPLE = frame({
  ...chunk(0, 'Success', { seq: 1, progress: 0.25 }, '', 'interrupt'),
  event_data: {
    event_id: '9b1f6c2e4a7d40c8b3e5f1a2c4d6e8f0',
    event_type: 'interrupt',
    need_reply: true,
    value: {
      type: 'option',
      content: 'Pick a size',
      option: [
        { id: 'A', text: 'Small', content_type: 'text' },
        { id: 'B', text: 'Large', content_type: 'text' },
      ],
    },
  },
});

/** A failure after the stream started (docs/api.md#errors-during-a-run): terminal frame with the node's code. */
export const RUN_ERROR_FRAME_EXAMPLE = frame({
  ...chunk(23300, 'LLM node execution failed', { seq: 0, progress: 1 }, '', 'stop'),
  usage: NO_USAGE,
});

/** `stream=false`, release view (docs/api.md#non-streaming-response): one aggregated chunk, nulls omitted. */
export const AGGREGATED_CHUNK_EXAMPLE = {
  code: 0,
  message: 'Success',
  id: SID,
  created: CREATED,
  choices: [{ delta: delta('Hello world!'), index: 0, finish_reason: 'stop' }],
  usage: USAGE,
};

/** Pre-stream failure (docs/api.md#chat-completions): one JSON chunk with nulls kept, whatever `stream` says. */
export function preStreamErrorChunk(error: ErrorCodeEntry) {
  return {
    code: error.code,
    message: error.message,
    id: SID,
    created: CREATED,
    workflow_step: { node: null, seq: 0, progress: 1 },
    choices: [{ delta: delta(''), index: 0, finish_reason: 'stop' }],
    usage: NO_USAGE,
    event_data: null,
  };
}

/** Validation failure on a run route (docs/api.md#validation-errors-460): `created` in milliseconds, not SSE. */
export const PARAM_ERROR_CHUNK_EXAMPLE = {
  code: 460,
  message:
    'Parameter: header->x-consumer-username, Input: None, Error: Field required (missing)\n' +
    'Parameter: body->uid, Input: xxxx…, Error: String should have at most 40 characters ' +
    '(string_too_long)',
  id: SID,
  created: 1727001000123.456,
};

/** First frame of a debug run (docs/api.md#examples): the `flow_obj` start, node info kept, `seq` 0. */
export const DEBUG_FIRST_CHUNK_EXAMPLE = { ...flowStartFrame(), id: SID, created: CREATED };

/** Debug stream (docs/api.md#examples, abridged): every node frame, then the `flow_obj` stop frame. */
export const DEBUG_STREAM_EXAMPLE = [
  frame(DEBUG_FIRST_CHUNK_EXAMPLE),
  frame({
    code: 0,
    message: 'Success',
    id: SID,
    created: CREATED,
    workflow_step: {
      node: {
        id: 'node-end::c3',
        alias_name: 'End',
        finish_reason: 'stop',
        inputs: {},
        outputs: {},
        error_outputs: {},
        ext: {},
        executed_time: 0.002,
      },
      seq: 0,
      progress: 0.6666666666666666,
    },
    choices: [{ delta: delta('Hello world!') }],
  }),
  frame({
    code: 0,
    message: 'Success',
    id: SID,
    created: CREATED + 1,
    workflow_step: {
      node: { id: 'flow_obj', alias_name: '', finish_reason: 'stop' },
      seq: 0,
      progress: 1,
    },
    choices: [{ delta: delta(''), index: 0, finish_reason: 'stop' }],
    usage: USAGE,
  }),
].join('');
