import { FrameChannel, type RunFrame } from '../../../engine';
import { frame } from '../testing/frames';
import { ObservedFrames, type FrameObserver } from './observed-frames';

// The observer sees what the consumer sees, and a wait cut short is not taken for the end.

function recorder(): FrameObserver & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    frame: (f: RunFrame) => log.push(`frame:${f.choices[0].finish_reason ?? '-'}`),
    failed: (e: unknown) => log.push(`failed:${String(e)}`),
    done: () => log.push('done'),
    returned: () => log.push('returned'),
  };
}

async function* from(frames: RunFrame[], error?: Error): AsyncGenerator<RunFrame> {
  for (const frame of frames) yield frame;
  if (error) throw error;
}

describe('ObservedFrames', () => {
  it('passes frames through and reports them, then the end', async () => {
    const seen = recorder();
    const frames = new ObservedFrames(
      from([frame({ node: 'flow_obj' }), frame({ finish: 'stop' })]),
      seen,
    );
    const out: RunFrame[] = [];
    for await (const f of frames) out.push(f);
    expect(out).toHaveLength(2);
    expect(seen.log).toEqual(['frame:-', 'frame:stop', 'done']);
  });

  it('reports a raised run and rethrows it', async () => {
    const seen = recorder();
    const frames = new ObservedFrames(from([], new Error('bad')), seen);
    await expect(frames.next()).rejects.toThrow('bad');
    expect(seen.log).toEqual(['failed:Error: bad']);
  });

  it('offers cancelWait only when the inner iterator does; a cut wait is not the end', async () => {
    expect(new ObservedFrames(from([]), recorder()).cancelWait).toBeUndefined();
    const channel = new FrameChannel();
    const seen = recorder();
    const frames = new ObservedFrames(channel, seen);
    expect(typeof frames.cancelWait).toBe('function');
    const waiting = frames.next();
    frames.cancelWait!();
    expect((await waiting).done).toBe(true);
    channel.push(frame({ content: 'later' }));
    expect((await frames.next()).value).toMatchObject({
      choices: [{ delta: { content: 'later' } }],
    });
    await frames.return();
    expect(seen.log).toEqual(['frame:-', 'returned']);
  });
});
