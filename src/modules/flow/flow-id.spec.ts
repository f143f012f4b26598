import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { parseFlowId, requireNumericFlowId } from './flow-id';

describe('parseFlowId (Python int() semantics, without surrounding whitespace)', () => {
  it.each([
    ['7381234567890123457', '7381234567890123457'],
    ['+42', '42'],
    ['007', '7'],
    ['0', '0'],
    ['-0', '0'],
    ['-15', '-15'],
    ['99999999999999999999999', '99999999999999999999999'],
  ])('%p → %p', (raw, expected) => {
    expect(parseFlowId(raw)).toBe(expected);
    expect(requireNumericFlowId(raw, ErrorCode.FLOW_GET_ERROR)).toBe(expected);
  });

  it.each(['', ' ', ' 42', '42 ', '\t42\n', 'abc', '12a', '1.5', '1e5', '0x1f', '--1', '１２'])(
    '%p is not a number: the route fallback',
    (raw) => {
      expect(parseFlowId(raw)).toBeUndefined();
      let thrown: unknown;
      try {
        requireNumericFlowId(raw, ErrorCode.PROTOCOL_DELETE_ERROR);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AppException);
      expect(thrown).toMatchObject({ code: 20103, message: 'Protocol deletion error' });
    },
  );
});
