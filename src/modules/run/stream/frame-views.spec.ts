import { ErrorCode } from '../../../core/errors/error-code';
import type { RunFrame } from '../../../engine';
import { compactJson, stampFrame } from './chunk-json';
import { runFailureFrame, runFailureOf } from './error-frames';
import { AppException } from '../../../core/errors/app.exception';
import { createFrameView, roundProgress } from './frame-views';
import { frame, sampleRun, USAGE } from '../testing/frames';

function viewAll(view: 'release' | 'debug', stream: boolean, frames: RunFrame[]): RunFrame[] {
  const v = createFrameView(view, stream);
  return frames.map((f) => v.accept(f)).filter((f): f is RunFrame => f !== null);
}

describe('release stream view', () => {
  it('keeps output-node text and the stop frame, numbers them and strips node info', () => {
    const out = viewAll('release', true, sampleRun());
    expect(out.map((f) => f.choices[0].delta.content)).toEqual(['Hi ', 'there', 'Bye', '!', '']);
    expect(out.map((f) => f.workflow_step)).toEqual([
      { seq: 1, progress: 0.33 },
      { seq: 2, progress: 0.33 },
      { seq: 3, progress: 0.67 },
      { seq: 4, progress: 0.67 },
      { seq: 5, progress: 1 },
    ]);
    expect(out[2].choices[0].delta.reasoning_content).toBe('why');
    expect(out.every((f) => f.choices[0].index === 0)).toBe(true);
    expect(out[4].choices[0].finish_reason).toBe('stop');
    expect(out[4].usage).toEqual(USAGE);
    expect(out[0].usage).toBeUndefined();
  });

  it('never lets progress go back and blanks the flow frame text', () => {
    const out = viewAll('release', true, [
      frame({ node: 'message::a', progress: 0.5, content: 'a' }),
      frame({ node: 'message::b', progress: 0.25, content: 'b' }),
      frame({ node: 'flow_obj', progress: 1, finish: 'stop', content: 'leak' }),
    ]);
    expect(out.map((f) => f.workflow_step!.progress)).toEqual([0.5, 0.5, 1]);
    expect(out[2].choices[0].delta.content).toBe('');
  });

  it('drops other nodes, empty output frames and the flow start frame', () => {
    const out = viewAll('release', true, [
      frame({ node: 'flow_obj' }),
      frame({ node: 'spark-llm::x', content: 'model text' }),
      frame({ node: 'message::m' }),
      frame({ node: 'message::m', code: 22701, message: 'Message node execution failed' }),
    ]);
    expect(out).toEqual([]);
  });

  it('keeps question-answer interrupt frames with their event data', () => {
    const interrupt = frame({ node: 'question-answer::q', progress: 0.25, finish: 'interrupt' });
    interrupt.event_data = {
      event_id: '7381234567890123456',
      event_type: 'interrupt',
      need_reply: true,
      value: { type: 'direct', content: 'Which city?' },
    };
    const [out] = viewAll('release', true, [interrupt]);
    expect(out).toEqual({
      code: 0,
      message: 'Success',
      workflow_step: { seq: 1, progress: 0.25 },
      choices: [
        {
          delta: { role: 'assistant', content: '', reasoning_content: '' },
          index: 0,
          finish_reason: 'interrupt',
        },
      ],
      event_data: interrupt.event_data,
    });
  });

  it('forwards a run failure at once in the stream-failure shape (docs/decisions.md#q1)', () => {
    const out = viewAll('release', true, [
      frame({ node: 'message::m', content: 'partial' }),
      runFailureFrame(23300, 'LLM node execution failed'),
    ]);
    expect(out[1]).toEqual({
      code: 23300,
      message: 'LLM node execution failed',
      choices: [
        {
          delta: { role: 'assistant', content: '', reasoning_content: '' },
          index: 0,
          finish_reason: 'stop',
        },
      ],
      usage: { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 },
    });
  });

  it('restarts numbering for every new view (one per response)', () => {
    const frames = [frame({ node: 'message::m', content: 'x' })];
    expect(viewAll('release', true, frames)[0].workflow_step!.seq).toBe(1);
    expect(viewAll('release', true, frames)[0].workflow_step!.seq).toBe(1);
  });
});

describe('debug stream view', () => {
  it('passes every frame through untouched', () => {
    const frames = sampleRun();
    expect(viewAll('debug', true, frames)).toEqual(frames);
  });
});

describe.each(['release', 'debug'] as const)('non-stream %s view', (view) => {
  it('answers one aggregated stop frame without workflow_step', () => {
    const out = viewAll(view, false, sampleRun());
    expect(out).toEqual([
      {
        code: 0,
        message: 'Success',
        choices: [
          {
            delta: { role: 'assistant', content: 'Hi thereBye!', reasoning_content: 'why' },
            index: 0,
            finish_reason: 'stop',
          },
        ],
        usage: USAGE,
      },
    ]);
  });

  it('answers a run failure with the real code', () => {
    const out = viewAll(view, false, [
      frame({ node: 'message::m', content: 'x' }),
      runFailureFrame(22302, 'Node execution failed'),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0].code).toBe(22302);
    expect(out[0].workflow_step).toBeUndefined();
    expect(out[0].choices[0].delta.content).toBe('');
  });
});

describe('run failure of a raised error', () => {
  it('keeps a domain error and maps anything else to 20100 with the raw text', () => {
    const domain = runFailureOf(new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR, 'x'));
    expect([domain.code, domain.message]).toEqual([20201, 'Flow ID not found(x)']);
    const other = runFailureOf(new TypeError('boom'));
    expect([other.code, other.message]).toEqual([20100, 'boom']);
    expect(other.workflow_step).toEqual({ seq: 0, progress: 1 });
  });
});

describe('wire form', () => {
  it('stamps id and created (seconds) in the reference key order', () => {
    const chunk = stampFrame(sampleRun()[9], 'sid1', 1727001000999);
    expect(Object.keys(chunk)).toEqual([
      'code',
      'message',
      'id',
      'created',
      'workflow_step',
      'choices',
      'usage',
    ]);
    expect(chunk.created).toBe(1727001000);
  });

  it('omits null-valued keys at every level but keeps array elements', () => {
    expect(compactJson({ a: null, b: { c: null, d: [null, 1] }, e: 'ü' })).toBe(
      '{"b":{"d":[null,1]},"e":"ü"}',
    );
  });

  it.each([
    [0, 0],
    [1 / 3, 0.33],
    [2 / 3, 0.67],
    [11 / 12, 0.92],
    [1, 1],
  ])('rounds progress %p to %p', (input, expected) => {
    expect(roundProgress(input)).toBe(expected);
  });
});
