import { newEventId } from './event-id';

describe('newEventId', () => {
  it('is 32 hex digits and never repeats', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
