import { newSpanId, newTraceId, parseTraceparent } from './trace-context';

describe('parseTraceparent', () => {
  const trace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const span = '00f067aa0ba902b7';

  it('reads the caller span of a version-00 header (any case, sampled or not)', () => {
    expect(parseTraceparent(`00-${trace}-${span}-01`)).toEqual({ traceId: trace, spanId: span });
    expect(parseTraceparent(`00-${trace.toUpperCase()}-${span}-00`)).toEqual({
      traceId: trace,
      spanId: span,
    });
    expect(parseTraceparent([`00-${trace}-${span}-01`])).toEqual({ traceId: trace, spanId: span });
  });

  it('accepts extra fields from a later version only', () => {
    expect(parseTraceparent(`01-${trace}-${span}-01-what-ever`)).toEqual({
      traceId: trace,
      spanId: span,
    });
    expect(parseTraceparent(`00-${trace}-${span}-01-extra`)).toBeUndefined();
  });

  it.each([
    undefined,
    '',
    'garbage',
    `ff-${trace}-${span}-01`,
    `00-${'0'.repeat(32)}-${span}-01`,
    `00-${trace}-${'0'.repeat(16)}-01`,
    `00-${trace.slice(1)}-${span}-01`,
    `00-${trace}-${span}`,
  ])('ignores %p', (header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('makes ids of the W3C sizes', () => {
    expect(newTraceId()).toMatch(/^[0-9a-f]{32}$/);
    expect(newSpanId()).toMatch(/^[0-9a-f]{16}$/);
    expect(newTraceId()).not.toBe(newTraceId());
  });
});
