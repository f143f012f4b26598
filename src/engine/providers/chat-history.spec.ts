import type { HistoryItem } from '../runtime/history-item';
import { historyMessages, trimHistory } from './chat-history';

const u = (n: number): HistoryItem => ({ role: 'user', content: `u${n}` });
const a = (n: number): HistoryItem => ({ role: 'assistant', content: `a${n}` });
const img: HistoryItem = { role: 'user', content: 'http://x/i.png', content_type: 'image' };
const user = { role: 'user' as const, content: 'now' };

describe('trimHistory', () => {
  const history = [u(1), a(1), img, u(2), a(2), u(3)];

  it('keeps the last image and the last rounds pairs (verified examples)', () => {
    expect(trimHistory(history, 1, 2048, undefined, user)).toEqual([img, u(3)]);
    expect(trimHistory(history, 2, 2048, undefined, user)).toEqual([img, u(2), a(2), u(3)]);
    expect(trimHistory(history, 5, 2048, undefined, user)).toEqual([
      img,
      u(1),
      a(1),
      u(2),
      a(2),
      u(3),
    ]);
  });

  it('drops the oldest pairs that do not fit the token budget', () => {
    const long = (n: number): HistoryItem => ({ role: 'user', content: 'x'.repeat(100) + n });
    const items = [long(1), a(1), long(2), a(2)];
    const all = trimHistory(items, 2, 10_000, undefined, user);
    expect(all).toHaveLength(4);
    const one = trimHistory(items, 2, 500, undefined, user);
    expect(one).toEqual([long(2), a(2)]);
    expect(trimHistory(items, 2, 50, undefined, user)).toEqual([]);
  });

  it('maps items to messages', () => {
    expect(historyMessages([u(1), img])).toEqual([
      { role: 'user', content: 'u1' },
      { role: 'user', content: 'http://x/i.png', contentType: 'image' },
    ]);
  });
});
