import type { ChunkObject, RunFrame } from '../../engine/runtime/run-frame';
import type { RunEventRecord, RunEventRegistry } from '../chat/run/run-events';
import { RunRegistry } from './run-registry';

/**
 * The chat routes' view of the registry (RUN_EVENT_REGISTRY): register a run, delete it when
 * its stop frame is delivered, and on an interrupt keep the paused run going in the background,
 * moving every later frame into the event's output queue until its stop frame — for as long as
 * the run lives, in stream and non-stream mode (fixes Q2). Whoever serves `/resume`, on any
 * instance, reads that queue.
 */
export class RunEventForwarder implements RunEventRegistry {
  constructor(
    private readonly registry: RunRegistry,
    private readonly onForwardError: (error: unknown) => void = () => undefined,
  ) {}

  async register(record: RunEventRecord): Promise<void> {
    await this.registry.create(record);
  }

  finish(eventId: string): Promise<void> {
    return this.registry.delete(eventId);
  }

  async pause(
    eventId: string,
    _interrupt: ChunkObject,
    rest: AsyncIterator<RunFrame>,
  ): Promise<void> {
    await this.registry.markInterrupted(eventId);
    void this.forward(eventId, rest).catch(this.onForwardError);
  }

  private async forward(eventId: string, rest: AsyncIterator<RunFrame>): Promise<void> {
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      // the record's timeout may have been replaced by a question-answer node's
      const timeout = (await this.registry.get(eventId))?.timeout ?? 180;
      await this.registry.pushOutput(eventId, next.value, timeout);
      if (next.value.choices[0].finish_reason === 'stop') return;
    }
  }
}
