import { AppException } from '../errors/engine-error';
import { coerceLiteral } from '../values/coerce-literal';
import { parseLiteral } from '../values/literal';
import { walkOutputPath } from './ref-path';
import { displayJson, compactJson } from '../values/stringify';
import { placeholders, renderDisplay, renderPrompt, streamingUnits } from './template';

describe('parseLiteral (Python/JSON literals, no eval)', () => {
  it.each([
    ['123', 123],
    ['-1.5', -1.5],
    ['1e3', 1000],
    ['[1, 2]', [1, 2]],
    ['{\'a\': 1, "b": [True, None]}', { a: 1, b: [true, null] }],
    ['(1, 2)', [1, 2]],
    ['True', true],
    ['false', false],
    ["'it\\'s'", "it's"],
    ['"\\u00e9"', 'é'],
    ['[1, 2,]', [1, 2]],
  ])('%s', (text, expected) => {
    expect(parseLiteral(text)).toEqual(expected);
  });

  it.each(['abc', '__import__("os")', '[1, 2', '{1: }', '1 2', 'lambda: 1', ''])(
    'rejects %s',
    (text) => {
      expect(() => parseLiteral(text)).toThrow(SyntaxError);
    },
  );
});

describe('coerceLiteral (docs/engine.md#literal-coercion)', () => {
  it.each([
    ['string', 'x', 'x'],
    ['integer', 5, 5],
    ['integer', true, true],
    ['number', 3, 3],
    ['integer', '123', 123],
    ['number', '1.5', 1.5],
    ['array', '[1, 2]', [1, 2]],
    ['object', "{'a': 1}", { a: 1 }],
    ['boolean', 'false', false],
    ['boolean', 'False', false],
    ['boolean', 'no', true],
    ['boolean', 0, true],
    ['integer', 'True', true],
  ] as const)('%s %p → %p', (type, value, expected) => {
    expect(coerceLiteral('v', type, value)).toEqual(expected);
  });

  it.each([
    ['integer', 'abc', 'Failed to convert literal value v to type integer, literal value: abc'],
    ['string', 5, 'Failed to convert literal value v to type string, literal value: 5'],
    ['array', { a: 1 }, 'Failed to convert literal value v to type array, literal value: {"a":1}'],
    ['string', undefined, 'Failed to convert literal value v to type string, literal value: None'],
  ] as const)('%s %p fails', (type, value, message) => {
    expect(() => coerceLiteral('v', type, value)).toThrow(message);
  });
});

describe('walkOutputPath (docs/engine.md#resolving-inputs)', () => {
  const schema = {
    type: 'object',
    properties: {
      list: {
        type: 'array',
        items: { type: 'object', properties: { n: { type: 'integer' }, s: { type: 'string' } } },
      },
      a: { type: 'object', properties: { b: { type: 'string' } } },
      tags: { type: 'array', items: { type: 'string' } },
    },
  };
  const value = { list: [{ n: 1 }, { n: 2, s: 'x' }], tags: ['t'] };

  it.each([
    [
      ['list', 'n'],
      [1, 2],
    ],
    [
      ['list', 's'],
      ['', 'x'],
    ],
    [['a', 'b'], ''],
    [['tags', 'whatever'], ['t']],
    [[], value],
  ])('%p', (segments, expected) => {
    expect(walkOutputPath('p', schema, value, segments)).toEqual(expected);
  });

  it('fails with 20600 for an undeclared property', () => {
    expect(() => walkOutputPath('p', schema, value, ['zzz'])).toThrow(
      'Variable system parameter retrieval failed(Node p does not have value zzz)',
    );
    try {
      walkOutputPath('p', schema, value, ['list', 'q']);
    } catch (error) {
      expect((error as AppException).code).toBe(20600);
    }
  });
});

describe('stringification', () => {
  it.each([
    [{ a: 'x', list: [{ n: 1 }] }, '{"a": "x", "list": [{"n": 1}]}'],
    [true, 'true'],
    [null, 'null'],
    [[1, 2], '[1, 2]'],
    ['é', '"é"'],
  ])('displayJson %p', (value, text) => {
    expect(displayJson(value)).toBe(text);
  });

  it('compact JSON keeps non-ASCII', () => {
    expect(compactJson({ a: 'é', b: [1, 2] })).toBe('{"a":"é","b":[1,2]}');
  });
});

describe('templates (docs/engine.md#templates)', () => {
  const inputs = new Map<string, unknown>([
    ['a', 'A'],
    ['arr', [1, [2, 3]]],
    ['obj', { k: { v: 1 }, s: 'x' }],
    ['flag', true],
    ['none', null],
    ['empty', ''],
    ['dash-name', 'D'],
  ]);
  const names = { has: (name: string) => inputs.has(name) };
  const resolve = (root: string) => inputs.get(root);
  const display = (t: string) => renderDisplay(t, names, resolve);

  it.each([
    ['{{a}}', 'A'],
    ['x{{a}}y{{a}}', 'xAyA'],
    ['{{ a }}', '{{ a }}'],
    ['{{unknown}}', '{{unknown}}'],
    ['{{arr}}', '[1, [2, 3]]'],
    ['{{arr[1][0]}}', '2'],
    ['{{arr[-1]}}', '[1, [2, 3]]'],
    ['{{obj.k}}', '{"v": 1}'],
    ['{{obj.k.v}}', '1'],
    ['{{obj.missing}}', 'null'],
    ['{{a.x}}', 'a.x'],
    ['{{flag}}', 'true'],
    ['{{none}}', 'null'],
    ['{{dash-name}}', 'D'],
  ])('display %s → %s', (template, expected) => {
    expect(display(template)).toBe(expected);
  });

  it('index out of range is 20602', () => {
    expect(() => display('{{arr[5]}}')).toThrow(
      'Variable name parsing failed(Variable name: arr[5] parsing failed, reason: list index out of range)',
    );
  });

  it.each([
    ['{{flag}}', 'True'],
    ['{{none}}', 'None'],
    ['{{obj}}', "{'k': {'v': 1}, 's': 'x'}"],
    ['[{{empty}}]', '[ ]'],
  ])('prompt %s → %s', (template, expected) => {
    expect(renderPrompt(template, names, resolve)).toBe(expected);
  });

  it('finds only syntactically valid placeholders', () => {
    expect(placeholders('{{a}} {{ b }} {{c[0].d}} {{e..f}}').map((p) => p.path)).toEqual([
      'a',
      'c[0].d',
    ]);
  });

  it('splits into streaming units with a trailing constant', () => {
    expect(streamingUnits('E {{a}} {{zz}}{{obj.k}}', names)).toEqual([
      { kind: 'constant', text: 'E ' },
      { kind: 'variable', path: 'a', root: 'a' },
      { kind: 'constant', text: ' {{zz}}' },
      { kind: 'variable', path: 'obj.k', root: 'obj' },
      { kind: 'constant', text: '' },
    ]);
    expect(streamingUnits('{{a}}', names)).toEqual([
      { kind: 'constant', text: '' },
      { kind: 'variable', path: 'a', root: 'a' },
      { kind: 'constant', text: '' },
    ]);
  });
});
