import type { ChunkObject, RunFrame } from '../../../engine';

// Wire form of a frame: stamped with the request's sid and the time, serialised compactly with
// null-valued keys omitted at every level (docs/api.md#chunk-object; arrays keep their elements).

/** The frame with `id`/`created` in the reference's key order. */
export function stampFrame(frame: RunFrame, sid: string, nowMs = Date.now()): ChunkObject {
  const chunk: ChunkObject = {
    code: frame.code,
    message: frame.message,
    id: sid,
    created: Math.floor(nowMs / 1000),
  } as ChunkObject;
  if (frame.workflow_step !== undefined) chunk.workflow_step = frame.workflow_step;
  chunk.choices = frame.choices;
  if (frame.usage !== undefined) chunk.usage = frame.usage;
  if (frame.event_data !== undefined) chunk.event_data = frame.event_data;
  return chunk;
}

function dropNullKeys(this: unknown, _key: string, value: unknown): unknown {
  return value === null && !Array.isArray(this) ? undefined : value;
}

/** Compact JSON without null-valued object keys; the replacer only runs when a null exists. */
export function compactJson(value: unknown): string {
  const plain = JSON.stringify(value);
  return plain.includes('null') ? JSON.stringify(value, dropNullKeys) : plain;
}
