import type { ChunkObject, RunFrame } from '../../engine';
import { RunEventForwarder } from './run-event-forwarder';
import { RunRegistry } from './run-registry';
import { MemoryRunEventRepository } from '../../database/repositories/memory-run-event.repository';

function frame(content: string, finish?: 'stop' | 'interrupt'): RunFrame {
  return {
    code: 0,
    message: 'Success',
    choices: [
      { delta: { role: 'assistant', content, reasoning_content: '' }, finish_reason: finish },
    ],
  };
}

describe('RunEventForwarder', () => {
  const registry = new RunRegistry(new MemoryRunEventRepository());
  const forwarder = new RunEventForwarder(registry);
  afterAll(() => registry.close());

  it('marks the pause and forwards the rest of the run up to its stop frame', async () => {
    await forwarder.register({
      event_id: 'e1',
      flow_id: 'f',
      app_id: 'a',
      uid: '',
      chat_id: '',
      is_stream: false,
      status: 'running',
      timeout: 180,
      interrupt_node: '',
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* rest(): AsyncGenerator<RunFrame> {
      await gate; // the run is still paused when pause() returns
      yield frame('a');
      yield frame('', 'stop');
      yield frame('never');
    }
    const interrupt = { ...frame('', 'interrupt'), id: 'sid', created: 0 } as ChunkObject;
    await forwarder.pause('e1', interrupt, rest());
    expect((await registry.get('e1'))?.status).toBe('interrupt');
    release();
    expect(await registry.waitOutput<RunFrame>('e1', 1000)).toEqual(frame('a'));
    expect(await registry.waitOutput<RunFrame>('e1', 1000)).toEqual(frame('', 'stop'));
    expect(await registry.waitOutput('e1', 50)).toBeNull();
    await forwarder.finish('e1');
    expect(await registry.get('e1')).toBeNull();
  });

  it('writes the heartbeat once for runs registered together, and deletes a finished run', async () => {
    const store = new MemoryRunEventRepository();
    const beats = jest.spyOn(store, 'set');
    const own = new RunRegistry(store);
    const instance = new RunEventForwarder(own);
    const record = (id: string) => ({
      event_id: id,
      flow_id: 'f',
      app_id: 'a',
      uid: '',
      chat_id: '',
      is_stream: false,
      status: 'running' as const,
      timeout: 180,
      interrupt_node: '',
    });
    await Promise.all(['r1', 'r2', 'r3'].map((id) => instance.register(record(id))));
    const heartbeats = beats.mock.calls.filter(([key]) => key.includes(':instance:'));
    expect(heartbeats).toHaveLength(1);
    expect((await own.get('r2'))?.status).toBe('running');
    await instance.finish('r2');
    expect(await own.get('r2')).toBeNull();
    expect(await own.get('r1')).not.toBeNull();
    await instance.close();
    await own.close();
  });
});
