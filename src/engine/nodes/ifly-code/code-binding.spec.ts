import { mainParameters } from './code-binding';
import { checkedOutputs, resultObject } from './code-result';
import type { NodeOutput } from '../../dsl/dsl.types';

describe('mainParameters', () => {
  it.each([
    ['def main(a, b):\n  pass', ['a', 'b']],
    ['def main(a: str, b: Dict[str, int]) -> dict:\n  pass', ['a', 'b']],
    ['def main():\n  pass', []],
    ['# def main(x):\ndef main(y):\n  pass', ['y']],
    ['def main(a):\n  pass\ndef main(b):\n  pass', ['a']],
  ])('python %j → %j', (code, names) => {
    expect(mainParameters('python', code)).toEqual({ kind: 'named', names });
  });

  it('passes every input to a Python main taking **kwargs', () => {
    expect(mainParameters('python', 'def main(a, **rest):\n  pass')).toEqual({ kind: 'all' });
  });

  it('finds no Python main in a commented-out or missing definition', () => {
    expect(mainParameters('python', '# def main(a):\ndef other():\n  pass')).toBeUndefined();
  });

  it.each([
    ['function main({ a, b }) {}', { kind: 'named', names: ['a', 'b'] }],
    ['async function main({ a = 1, b: renamed }) {}', { kind: 'named', names: ['a', 'b'] }],
    ['const main = ({ x }) => x', { kind: 'named', names: ['x'] }],
    ['let main = async function ({ y }) {}', { kind: 'named', names: ['y'] }],
    ['function main(args) {}', { kind: 'all' }],
    ['function main() {}', { kind: 'all' }],
    ['// function main({ a }) {}\nfunction other() {}', undefined],
  ])('javascript %j', (code, expected) => {
    expect(mainParameters('javascript', code)).toEqual(expected);
  });
});

const outputs = (...types: Array<[string, string]>): NodeOutput[] =>
  types.map(([name, type]) => ({ name, required: false, schema: { type } }));

describe('code result parsing and output checks', () => {
  it('takes a JSON object as the result', () => {
    expect(resultObject('{"a": 1}', outputs(['a', 'integer']))).toEqual({ a: 1 });
  });

  it('puts non-JSON text, or JSON of another type, into the first output', () => {
    expect(resultObject('None', outputs(['a', 'string']))).toEqual({ a: 'None' });
    expect(resultObject('5', outputs(['a', 'string']))).toEqual({ a: '5' });
    expect(resultObject('[1, 2]', outputs(['a', 'array']))).toEqual({ a: [1, 2] });
    expect(resultObject('x', [])).toEqual({});
  });

  it('keeps declared outputs only and checks their types the Python way', () => {
    const declared = outputs(['s', 'string'], ['i', 'integer'], ['n', 'number'], ['o', 'object']);
    expect(checkedOutputs({ s: 'x', i: true, n: 2, extra: 1 }, declared)).toEqual({
      s: 'x',
      i: true,
      n: 2,
    });
  });

  it.each([
    ['string', 1],
    ['integer', 1.5],
    ['number', '1'],
    ['boolean', 0],
    ['array', {}],
    ['object', []],
    ['object', null],
  ])('rejects a %s output holding %j with 21602', (type, value) => {
    expect(() => checkedOutputs({ v: value }, outputs(['v', type]))).toThrow(
      expect.objectContaining({
        code: 21602,
        message: `Code node return result type does not meet requirements(Code return type is not ${type}, please check the type!)`,
      }),
    );
  });
});
