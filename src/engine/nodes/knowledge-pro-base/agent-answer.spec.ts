import { isAppException } from '../../errors/engine-error';
import type { StreamChunk } from '../../runtime/node-result';
import { AgentAnswer } from './agent-answer';

describe('AgentAnswer', () => {
  const collect = () => {
    const pushed: StreamChunk[] = [];
    return { pushed, answer: new AgentAnswer((chunk) => pushed.push(chunk)) };
  };

  it('joins answer pieces, keeps the last metadata list and the last usage, ends once', () => {
    const { pushed, answer } = collect();
    answer.take({ code: 0, data: { content: 'a' } });
    answer.take({ code: 0, data: { content_type: 'knowledge_metadata', content: [1] } });
    answer.take({ code: 0, data: { content_type: 'answer', content: 'b' } });
    answer.take({ code: 0, data: { content_type: 'other', content: 'x' } });
    answer.take({
      code: 0,
      data: { content_type: 'answer', content: '' },
      finish_reason: 'stop',
      usage: { prompt_tokens: 3, completion_tokens: 2 },
    });
    answer.finish();
    expect(answer.text).toBe('ab');
    expect(answer.metadata).toEqual([1]);
    expect(answer.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
    expect(pushed.map((c) => [c.content, Boolean(c.end)])).toEqual([
      ['a', false],
      ['b', false],
      ['', true],
    ]);
  });

  it('an error frame is 20500 with the service message; a non-object is 20501', () => {
    const { pushed, answer } = collect();
    const codeOf = (message: unknown) => {
      try {
        answer.take(message);
      } catch (error) {
        return isAppException(error) ? [error.code, error.message] : error;
      }
      return undefined;
    };
    expect(codeOf({ code: 10001, message: 'no repo' })).toEqual([
      20500,
      'Knowledge base request error(no repo)',
    ]);
    expect(codeOf('x')).toEqual([
      20501,
      'Knowledge base node execution error(malformed message: not a JSON object)',
    ]);
    expect(pushed).toEqual([]);
    expect(answer.streamed).toBe(false);
  });
});
