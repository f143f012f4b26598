import type { ArgumentMetadata } from '@nestjs/common';
import { fastBodyOf } from '../../../core/http/fast-body';
import { createValidationPipe } from '../../../core/http/validation.pipe';
import { ChatRequestDto, HistoryItemDto } from './chat-request.dto';

// The fast path must answer exactly what the full pipe answers: every body below goes through
// both (the full pipe is reached through a non-body argument, which has no fast path).

const pipe = createValidationPipe();
const asBody: ArgumentMetadata = { type: 'body', metatype: ChatRequestDto };
const asFullPipe: ArgumentMetadata = { type: 'query', metatype: ChatRequestDto };

const base = { flow_id: '7381234567890123456', parameters: { AGENT_USER_INPUT: 'hi' } };

/** bodies the fast path takes */
const TAKEN: unknown[] = [
  base,
  { ...base, stream: false, uid: 'u1', chat_id: 'c', version: 'v1.0', ext: { caller: 'x' } },
  { ...base, uid: null, stream: null, ext: null, chat_id: null, history: null, version: null },
  { ...base, uid: 'x'.repeat(40), chat_id: 'y'.repeat(128), unknown: 1, other: { a: 1 } },
  {
    ...base,
    parameters: { a: [1, { b: null, c: [true, 'ü'] }], n: 1.5e300, e: {} },
    history: [
      { role: 'user', content: 'q', extra: 'dropped' },
      { role: 'assistant', content: 'a', content_type: 'image' },
      { role: 'user', content: '', content_type: null },
    ],
  },
  { ...base, history: [] },
];

/** bodies left to the full pipe: invalid, or valid in a way the fast path does not vouch for */
const LEFT: unknown[] = [
  undefined,
  null,
  'text',
  [base],
  {},
  { flow_id: 7381234567, parameters: {} },
  { flow_id: '1' },
  { ...base, parameters: null },
  { ...base, parameters: [] },
  { ...base, parameters: 'x' },
  { ...base, uid: 'x'.repeat(41) },
  { ...base, uid: '😀'.repeat(30) },
  { ...base, uid: 5 },
  { ...base, chat_id: 'y'.repeat(129) },
  { ...base, version: 1 },
  { ...base, stream: 'false' },
  { ...base, stream: 0 },
  { ...base, ext: [] },
  { ...base, ext: 'x' },
  { ...base, history: {} },
  { ...base, history: ['x'] },
  { ...base, history: [null] },
  { ...base, history: [{ role: 'system', content: 'x' }] },
  { ...base, history: [{ role: 'user' }] },
  { ...base, history: [{ role: 'user', content: null }] },
  { ...base, history: [{ role: 'user', content: 1 }] },
  { ...base, history: [{ role: 'user', content: 'x', content_type: 'video' }] },
  JSON.parse('{"flow_id":"1","parameters":{"__proto__":{"x":1}}}'),
  JSON.parse('{"flow_id":"1","parameters":{"constructor":1,"toString":"t"}}'),
  JSON.parse('{"flow_id":"1","parameters":{},"__proto__":{"stream":false}}'),
  JSON.parse(
    '{"flow_id":"1","parameters":{},"history":[{"role":"user","content":"x","hasOwnProperty":1}]}',
  ),
];

/** the pipe's answer: the DTO (with its classes), or the error it threw */
async function outcome(body: unknown, metadata: ArgumentMetadata) {
  // the pipe may change the value in place: each run gets its own copy
  const copy = body === undefined ? undefined : (JSON.parse(JSON.stringify(body)) as unknown);
  try {
    const dto = (await pipe.transform(copy, metadata)) as ChatRequestDto;
    return {
      dto: JSON.parse(JSON.stringify(dto)) as unknown,
      keys: Object.keys(dto),
      isDto: dto instanceof ChatRequestDto,
      items: dto.history.map((item) => item instanceof HistoryItemDto),
    };
  } catch (error) {
    return { error: (error as { getResponse?: () => unknown }).getResponse?.() ?? error };
  }
}

describe('ChatRequestDto fast path', () => {
  it.each(TAKEN.map((body) => [JSON.stringify(body), body]))(
    'takes %s and answers what the full pipe answers',
    async (_name, body) => {
      expect(fastBodyOf(ChatRequestDto, body)).toBeDefined();
      const full = await outcome(body, asFullPipe);
      expect(full.error).toBeUndefined();
      expect(await outcome(body, asBody)).toEqual(full);
    },
  );

  it.each(LEFT.map((body) => [JSON.stringify(body) ?? 'undefined', body]))(
    'leaves %s to the full pipe',
    async (_name, body) => {
      expect(fastBodyOf(ChatRequestDto, body)).toBeUndefined();
      expect(await outcome(body, asBody)).toEqual(await outcome(body, asFullPipe));
    },
  );
});
