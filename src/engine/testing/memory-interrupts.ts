import type { InterruptRegistry, ReceivedReply } from '../nodes/question-answer/interrupt-registry';
import { waitForDelivery } from '../providers/delivered-value';
import { abortReason } from '../providers/idle-timer';

// An in-memory InterruptRegistry for engine specs: what a question-answer node needs of the run
// registry (pause, reply queue, clear), plus the client's side (`reply`) and a view of the event.
// The service's real registry lives outside the engine; its own specs cover it.

/** The event as the node left it (same field names as the service's event record). */
export interface InterruptEvent {
  status: 'running' | 'interrupt';
  interrupt_node: string;
  /** seconds, taken over from the node that paused */
  timeout: number;
}

interface ReplyQueue {
  items: ReceivedReply[];
  /** replies pushed so far: a reply's `retries` is the count before it (0 for the first) */
  pushed: number;
  waiters: ((reply: ReceivedReply) => void)[];
}

export class MemoryInterrupts implements InterruptRegistry {
  private readonly events = new Map<string, InterruptEvent>();
  private readonly queues = new Map<string, ReplyQueue>();

  event(eventId: string): InterruptEvent | undefined {
    return this.events.get(eventId);
  }

  pauseAt(eventId: string, nodeId: string, timeoutSec: number): Promise<InterruptEvent> {
    const event: InterruptEvent = {
      status: 'interrupt',
      interrupt_node: nodeId,
      timeout: timeoutSec,
    };
    this.events.set(eventId, event);
    return Promise.resolve(event);
  }

  clearInterruptNode(eventId: string): Promise<void> {
    const event = this.events.get(eventId);
    if (event) event.interrupt_node = '';
    return Promise.resolve();
  }

  /** The client answers (what /resume does): only a paused event takes a reply. */
  reply(eventId: string, nodeId: string, reply: { event_type: string; content: string }): void {
    const event = this.events.get(eventId);
    if (event?.status !== 'interrupt') throw new Error(`event ${eventId} is not paused`);
    event.status = 'running';
    const queue = this.queue(eventId, nodeId);
    const received = { ...reply, retries: queue.pushed };
    queue.pushed += 1;
    const waiter = queue.waiters.shift();
    if (waiter) waiter(received);
    else queue.items.push(received);
  }

  waitReply(
    eventId: string,
    nodeId: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<ReceivedReply | null> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const queue = this.queue(eventId, nodeId);
    const queued = queue.items.shift();
    if (queued) return Promise.resolve(queued);
    return waitForDelivery<ReceivedReply>(
      (waiter) => queue.waiters.push(waiter),
      (waiter) => (queue.waiters = queue.waiters.filter((w) => w !== waiter)),
      timeoutMs,
      signal,
    );
  }

  private queue(eventId: string, nodeId: string): ReplyQueue {
    const key = `${eventId}\u0000${nodeId}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { items: [], pushed: 0, waiters: [] };
      this.queues.set(key, queue);
    }
    return queue;
  }
}
