import { yieldToIo } from './yield-to-io';

describe('yieldToIo', () => {
  it('lets callbacks the event loop already holds run before the caller goes on', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('pending callback'));
    await Promise.resolve(); // a microtask hop alone would not let it in
    order.push('after a microtask');
    await yieldToIo();
    order.push('after yielding');
    expect(order).toEqual(['after a microtask', 'pending callback', 'after yielding']);
  });
});
