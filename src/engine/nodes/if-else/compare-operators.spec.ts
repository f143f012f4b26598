import { CaseError, compare, type CompareOperator } from './compare-operators';

// docs/nodes.md#if-else operator table. `E` = the case errors (counts as not matched).
const E = 'error';
type Row = [CompareOperator, unknown, unknown, boolean | typeof E, boolean?];

const rows: Row[] = [
  // contains
  ['contains', '', '', true],
  ['contains', null, 'a', false],
  ['contains', 0, 'a', false],
  ['contains', 5, 5, false],
  ['contains', { a: 1 }, 'a', false],
  ['contains', 'hello', 'ell', true],
  ['contains', 'hello', 'z', false],
  ['contains', 'hello', 1, E],
  ['contains', [1, 'a'], 'a', true],
  ['contains', [1, 2], 1.0, true],
  ['contains', [1, 2], true, true],
  ['contains', [[1], { k: 2 }], { k: 2 }, true],
  ['contains', ['a'], 'b', false],
  // not_contains
  ['not_contains', '', '', false],
  ['not_contains', null, 'a', true],
  ['not_contains', [], 'a', true],
  ['not_contains', 7, 'a', false],
  ['not_contains', 'hello', 'z', true],
  ['not_contains', 'hello', 'h', false],
  ['not_contains', 'hello', null, E],
  ['not_contains', ['a'], 'a', false],
  // start_with / end_with
  ['start_with', 'hello', 'he', true],
  ['start_with', 'hello', 'lo', false],
  ['start_with', '', '', false],
  ['start_with', 5, '5', false],
  ['start_with', 'hello', 5, E],
  ['end_with', 'hello', 'lo', true],
  ['end_with', 'hello', 'he', false],
  ['end_with', null, 'x', false],
  // is / is_not
  ['is', null, null, false],
  ['is', 'a', 'a', true],
  ['is', 'a', 'b', false],
  ['is', '1', 1, false],
  ['is', 3, '3', true, true],
  ['is', [1], [1], false],
  ['is_not', null, 'x', false],
  ['is_not', 'a', 'b', true],
  ['is_not', 'a', 'a', false],
  ['is_not', 3, '4', true, true],
  ['is_not', { a: 1 }, 'x', false],
  // empty / not_empty
  ['empty', [], null, true],
  ['empty', [0], null, false],
  ['empty', {}, null, true],
  ['empty', false, null, true],
  ['empty', true, null, false],
  ['empty', 0, null, true],
  ['empty', 0.5, null, false],
  ['empty', '  ', null, true],
  ['empty', 'x', null, false],
  ['empty', null, null, false],
  ['not_empty', null, null, true],
  ['not_empty', 'x', null, true],
  ['not_empty', '', null, false],
  // eq / ne
  ['eq', null, 1, false],
  ['eq', 'a', 'a', true],
  ['eq', 'a', 'b', false],
  ['eq', [1], [1], false],
  ['eq', 3, '3', true, true],
  ['eq', 3, 3.7, true, true],
  ['eq', 3, '3.5', E, true],
  ['eq', 3, null, E, true],
  ['eq', 3.5, '3.5', true, false],
  ['eq', 3.5, 'x', E, false],
  ['eq', true, 1, true, true],
  ['ne', 3, '4', true, true],
  ['ne', 3, '3', false, true],
  ['ne', 'a', 'a', false],
  ['ne', null, 1, false],
  // gt ge lt le
  ['gt', 5, '3', true, true],
  ['gt', 3, 5, false, true],
  ['gt', '5', 3, false],
  ['gt', null, 3, false],
  ['gt', 5, null, E, true],
  ['gt', 2.5, '2.4', true, false],
  ['ge', 3, 3, true, true],
  ['ge', 2, 3, false, true],
  ['lt', 2, 3, true, true],
  ['lt', 3, 3, false, true],
  ['le', 3, '3', true, true],
  ['le', 4, 3, false, true],
  ['lt', true, 2, true, true],
  // null / not_null
  ['null', null, null, true],
  ['null', undefined, null, true],
  ['null', '', null, false],
  ['not_null', 0, null, true],
  ['not_null', null, null, false],
];

describe('if-else compare operators (docs/nodes.md#if-else)', () => {
  // rest parameters: a 5-parameter callback would make jest treat the 5th as `done`
  it.each(rows)('%s(%p, %p) → %p', (...row) => {
    const [op, actual, expected, result, isInteger] = row as Row;
    const run = () => compare(op, actual, expected, isInteger ?? Number.isInteger(actual));
    if (result === E) expect(run).toThrow(CaseError);
    else expect(run()).toBe(result);
  });

  it('covers every operator', () => {
    const seen = new Set(rows.map((r) => r[0]));
    expect(seen.size).toBe(16);
  });
});
