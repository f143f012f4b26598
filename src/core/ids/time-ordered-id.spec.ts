import { newTimeOrderedId } from './time-ordered-id';

describe('newTimeOrderedId', () => {
  it('is a UUID version 7 whose first 48 bits are the milliseconds', () => {
    const id = newTimeOrderedId(0x0123456789ab);
    expect(id).toMatch(/^01234567-89ab-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('is unique, and later milliseconds sort after earlier ones', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => newTimeOrderedId(1_700_000_000_000 + i));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const same = Array.from({ length: 5000 }, () => newTimeOrderedId(1_700_000_000_000));
    expect(new Set(same).size).toBe(same.length);
  });
});
