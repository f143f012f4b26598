import { waitForDelivery } from './delivered-value';

describe('waitForDelivery', () => {
  let waiting: ((value: string) => void)[];
  const enlist = (deliver: (value: string) => void) => waiting.push(deliver);
  const unlist = (deliver: (value: string) => void) => {
    waiting = waiting.filter((w) => w !== deliver);
  };

  beforeEach(() => {
    waiting = [];
  });

  it('resolves with the value handed over and unlists the waiter', async () => {
    const result = waitForDelivery(enlist, unlist, 10_000);
    expect(waiting).toHaveLength(1);
    waiting[0]('hello');
    await expect(result).resolves.toBe('hello');
    expect(waiting).toHaveLength(0);
  });

  it('resolves with null when nothing comes in time, and unlists the waiter', async () => {
    await expect(waitForDelivery(enlist, unlist, 5)).resolves.toBeNull();
    expect(waiting).toHaveLength(0);
  });

  it("rejects with the signal's reason when aborted, and unlists the waiter", async () => {
    const controller = new AbortController();
    const result = waitForDelivery(enlist, unlist, 10_000, controller.signal);
    controller.abort(new Error('client gone'));
    await expect(result).rejects.toThrow('client gone');
    expect(waiting).toHaveLength(0);
  });

  it('rejects at once, without enlisting, when the signal has aborted already', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    await expect(waitForDelivery(enlist, unlist, 10_000, controller.signal)).rejects.toThrow(
      'too late',
    );
    expect(waiting).toHaveLength(0);
  });
});
