import { EventEmitter } from 'node:events';
import { drainedOrClosed } from './drained';

describe('drainedOrClosed', () => {
  it.each(['drain', 'close'])('resolves on %s and leaves no listener behind', async (event) => {
    const writable = new EventEmitter();
    const waits = Array.from({ length: 3 }, () => drainedOrClosed(writable));
    expect(writable.listenerCount('drain')).toBe(3);
    writable.emit(event);
    await Promise.all(waits);
    expect(writable.listenerCount('drain')).toBe(0);
    expect(writable.listenerCount('close')).toBe(0);
  });

  it('stays pending until either event', async () => {
    const writable = new EventEmitter();
    let settled = false;
    void drainedOrClosed(writable).then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    writable.emit('drain');
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(true);
  });
});
