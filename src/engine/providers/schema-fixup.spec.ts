import { pyStr } from '../values/py-str';
import { fixUpRequired, ObjectSchema } from './schema-fixup';

describe('pyStr (prompt rule)', () => {
  it.each([
    ['text', 'text'],
    [true, 'True'],
    [null, 'None'],
    [3, '3'],
    [1.5, '1.5'],
    [['a', 1, false], "['a', 1, False]"],
    [{ k: "it's" }, `{'k': "it's"}`],
  ])('%j → %s', (value, text) => expect(pyStr(value)).toBe(text));
});

describe('fixUpRequired', () => {
  const schema: ObjectSchema = {
    type: 'object',
    properties: {
      age: { type: 'integer' },
      score: { type: 'number' },
      name: { type: 'string' },
      ok: { type: 'boolean' },
      meta: { type: 'object' },
      tags: { type: 'array', items: { type: 'string' } },
      free: { type: 'string' },
    },
    required: ['age', 'score', 'name', 'ok', 'meta', 'tags'],
  };

  it('coerces present required fields and leaves optional ones', () => {
    expect(
      fixUpRequired(
        { age: '42.9', score: 'x', name: 7, ok: 'yes', meta: [1], tags: 5, free: 3 },
        schema,
      ),
    ).toEqual({ age: 42, score: 0, name: '7', ok: false, meta: {}, tags: ['5'], free: 3 });
  });

  it('fills missing required fields with zero values', () => {
    expect(fixUpRequired({}, schema)).toEqual({
      age: 0,
      score: 0,
      name: '',
      ok: false,
      meta: {},
      tags: [],
    });
  });
});
