import {
  fencedText,
  parseFencedJson,
  parseLazyJsonFence,
  parseModelJson,
  repairActionInput,
} from './llm-json';

describe('LLM JSON extraction', () => {
  it.each([
    ['```json\n{"a": 1}\n```', '{"a": 1}'],
    ['prefix ```{"a": 1}``` suffix', '{"a": 1}'],
    ['  {"a": 0}  ', '{"a": 0}'],
    ['```json {"a":1}``` and ```json {"b":2}```', '{"a":1}``` and ```json {"b":2}'],
  ])('greedy fence of %j', (reply, inner) => {
    expect(fencedText(reply)).toBe(inner);
  });

  it('uses a custom re_match_pattern (last group)', () => {
    expect(fencedText('<out>{"x":1}</out>', '<out>(.*)</out>')).toBe('{"x":1}');
    expect(fencedText('{"x":1}', '(unclosed')).toBe('{"x":1}');
  });

  it('repairs raw newlines and quotes inside action_input only', () => {
    const raw = '{"action": "a", "action_input": "line1\nsaid "hi"\tok"}';
    expect(JSON.parse(repairActionInput(raw))).toEqual({
      action: 'a',
      action_input: 'line1\nsaid "hi"\tok',
    });
    expect(parseModelJson('```json\n{"k": false}\n```')).toEqual({ k: false });
  });

  it('fails on non-JSON', () => {
    expect(() => parseFencedJson('no json here')).toThrow(SyntaxError);
  });

  it('question-answer takes the first json fence', () => {
    expect(parseLazyJsonFence('x ```json {"a":1}``` y ```json {"b":2}```')).toEqual({ a: 1 });
    expect(parseLazyJsonFence('{"c":3}')).toEqual({ c: 3 });
  });
});
