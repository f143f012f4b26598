import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { RunRegistryKeys } from './run-registry-keys';
import type {
  QueueMetadata,
  RunEventRepository,
} from '../../database/repositories/run-event.repository';

// The run/event registry (docs/api.md#run-events, docs/engine.md#pause-and-resume), in plain TypeScript so engine
// nodes reach it through their services. Beyond the reference: a per-event TTL (docs/decisions.md#q15), and a
// resume is accepted once (interrupt → running, docs/decisions.md#q4).

export const DEFAULT_EVENT_TIMEOUT_SEC = 180;
export const DEFAULT_KEY_PREFIX = 'sparkflowV2:event:';

export type EventStatus = 'running' | 'interrupt';

export interface EventRecord {
  event_id: string;
  app_id: string;
  uid: string;
  flow_id: string;
  chat_id: string;
  is_stream: boolean;
  status: EventStatus;
  /** seconds; also the TTL of the record and its queues */
  timeout: number;
  interrupt_node: string;
}

/** What `/resume` hands to the waiting node. */
export interface ResumeReply {
  event_type: string;
  content: string;
}

export interface ReceivedReply extends ResumeReply {
  /** the reply queue's metadata `retries` when this reply was taken */
  retries: number;
}

const MAX_UPDATE_ATTEMPTS = 20;

export class RunRegistry {
  private readonly keys: RunRegistryKeys;

  constructor(
    private readonly store: RunEventRepository,
    prefix: string = DEFAULT_KEY_PREFIX,
    private readonly now: () => number = Date.now,
  ) {
    this.keys = new RunRegistryKeys(prefix);
  }

  /** Registers a run (status running, timeout 180 s unless given). */
  async create(
    fields: Pick<EventRecord, 'event_id'> & Partial<Omit<EventRecord, 'status'>>,
  ): Promise<EventRecord> {
    const record: EventRecord = {
      app_id: '',
      uid: '',
      flow_id: '',
      chat_id: '',
      is_stream: true,
      timeout: DEFAULT_EVENT_TIMEOUT_SEC,
      interrupt_node: '',
      ...fields,
      status: 'running',
    };
    await this.store.set(
      this.keys.record(record.event_id),
      JSON.stringify(record),
      record.timeout * 1000,
    );
    return record;
  }

  /** Puts a record back as it was (a paused run restored from its checkpoint). */
  async restore(record: EventRecord): Promise<void> {
    await this.store.set(
      this.keys.record(record.event_id),
      JSON.stringify(record),
      record.timeout * 1000,
    );
  }

  async get(eventId: string): Promise<EventRecord | null> {
    const raw = await this.store.get(this.keys.record(eventId));
    return raw ? (JSON.parse(raw) as EventRecord) : null;
  }

  /**
   * A question-answer node is about to emit its interrupt: record it as the waiting node, take
   * over its timeout and mark the event paused — before the frame leaves, so a client that
   * answers at once always finds the event paused.
   */
  pauseAt(eventId: string, nodeId: string, timeoutSec: number): Promise<EventRecord> {
    return this.update(eventId, (r) => ({
      ...r,
      interrupt_node: nodeId,
      timeout: timeoutSec,
      status: 'interrupt',
    }));
  }

  /** The node finished (any outcome). A vanished record is fine here. */
  async clearInterruptNode(eventId: string): Promise<void> {
    await this.update(eventId, (r) => ({ ...r, interrupt_node: '' })).catch(() => undefined);
  }

  /** The interrupt frame reached the client (idempotent after pauseAt). */
  markInterrupted(eventId: string): Promise<EventRecord> {
    return this.update(eventId, (r) => ({ ...r, status: 'interrupt' }));
  }

  /**
   * Accepts a resume: the event must exist and be paused (else 23900); it goes back to
   * running atomically, so a second resume of the same pause is refused.
   */
  acceptResume(eventId: string): Promise<EventRecord> {
    return this.update(eventId, (r) => {
      if (r.status !== 'interrupt') {
        throw new AppException(
          ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR,
          'Current event is not paused',
        );
      }
      return { ...r, status: 'running' };
    });
  }

  /** Removes the record and its output queue, and the reply queue of the node it waits on. */
  async delete(eventId: string): Promise<void> {
    const record = await this.get(eventId);
    const keys = this.keys.event(eventId);
    if (record?.interrupt_node) {
      const reply = this.keys.reply(eventId, record.interrupt_node);
      keys.push(reply, `${reply}:metadata`);
    }
    await this.store.delete(...keys);
  }

  /**
   * `delete` of a run that never paused, in one round trip: it never waited on a node, so
   * there is no reply queue to look up. (A reply pushed in the instant between a pause and its
   * report would still expire with its TTL, like every reply queue.)
   */
  async deleteNeverPaused(eventId: string): Promise<void> {
    await this.store.delete(...this.keys.event(eventId));
  }

  /** `/resume` → the waiting node; returns the queue's `retries` after this push. */
  async pushReply(record: EventRecord, nodeId: string, reply: ResumeReply): Promise<number> {
    const key = this.keys.reply(record.event_id, nodeId);
    return this.store.push(key, replyItem(reply), record.timeout * 1000, this.nowSec());
  }

  /**
   * A run taken over from a dead instance: its reply again, unless still queued (the dead
   * instance may have taken it as it died). The queue's `retries` stay as they were.
   */
  async redeliverReply(record: EventRecord, nodeId: string, reply: ResumeReply): Promise<void> {
    const key = this.keys.reply(record.event_id, nodeId);
    await this.store.pushIfEmpty(key, replyItem(reply), record.timeout * 1000);
  }

  /** The node waits for a reply; null on timeout. */
  async waitReply(
    eventId: string,
    nodeId: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<ReceivedReply | null> {
    const key = this.keys.reply(eventId, nodeId);
    const raw = await this.store.pop(key, timeoutMs, signal);
    if (raw === null) return null;
    const reply = JSON.parse(raw) as ResumeReply;
    const meta = await this.store.metadata(key);
    return { event_type: reply.event_type, content: reply.content, retries: meta?.retries ?? 0 };
  }

  replyMetadata(eventId: string, nodeId: string): Promise<QueueMetadata | null> {
    return this.store.metadata(this.keys.reply(eventId, nodeId));
  }

  /** The paused run's forwarder → whoever serves `/resume` (any instance). */
  async pushOutput(eventId: string, frame: unknown, timeoutSec: number): Promise<void> {
    await this.store.push(
      this.keys.output(eventId),
      JSON.stringify(frame),
      timeoutSec * 1000,
      this.nowSec(),
    );
  }

  async waitOutput<T = unknown>(
    eventId: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<T | null> {
    const raw = await this.store.pop(this.keys.output(eventId), timeoutMs, signal);
    return raw === null ? null : (JSON.parse(raw) as T);
  }

  /**
   * The instance running a paused run keeps a short lease on it; a resume finding no lease
   * knows the run died with its instance (restart) and continues it from its checkpoint.
   * Returns false when another instance holds the lease.
   */
  async holdRun(eventId: string, owner: string, ttlMs: number): Promise<boolean> {
    const key = this.keys.owner(eventId);
    if (await this.store.setIfAbsent(key, owner, ttlMs)) return true;
    return this.store.compareAndSet(key, owner, owner, ttlMs);
  }

  /**
   * True when the run's lease is held by an instance that is alive (its heartbeat is there).
   * A lease outliving its crashed owner (up to its TTL) counts as not held.
   */
  async runIsHeld(eventId: string): Promise<boolean> {
    const owner = await this.store.get(this.keys.owner(eventId));
    return owner !== null && (await this.instanceIsAlive(owner));
  }

  /**
   * Takes the run's lease for `owner` when it is free or its holder is dead (no heartbeat);
   * atomic, so of several instances taking over the same dead run one wins.
   */
  async takeRun(eventId: string, owner: string, ttlMs: number): Promise<boolean> {
    const key = this.keys.owner(eventId);
    if (await this.store.setIfAbsent(key, owner, ttlMs)) return true;
    const holder = await this.store.get(key);
    if (holder === null) return this.store.setIfAbsent(key, owner, ttlMs);
    if (holder !== owner && (await this.instanceIsAlive(holder))) return false;
    return this.store.compareAndSet(key, holder, owner, ttlMs);
  }

  /** An instance says it is alive; its leases count as dead once this lapses. */
  async heartbeat(instanceId: string, ttlMs: number): Promise<void> {
    await this.store.set(this.keys.instance(instanceId), '1', ttlMs);
  }

  async endHeartbeat(instanceId: string): Promise<void> {
    await this.store.delete(this.keys.instance(instanceId));
  }

  private async instanceIsAlive(instanceId: string): Promise<boolean> {
    return (await this.store.get(this.keys.instance(instanceId))) !== null;
  }

  async releaseRun(eventId: string): Promise<void> {
    await this.store.delete(this.keys.owner(eventId));
  }

  /** Resolves when the backing store answers (used by /ready). */
  ping(): Promise<void> {
    return this.store.ping();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Read-modify-write with compare-and-set, retried on a concurrent change. */
  private async update(
    eventId: string,
    change: (record: EventRecord) => EventRecord,
  ): Promise<EventRecord> {
    const key = this.keys.record(eventId);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt += 1) {
      const raw = await this.store.get(key);
      if (!raw) throw new AppException(ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR);
      const next = change(JSON.parse(raw) as EventRecord);
      if (await this.store.compareAndSet(key, raw, JSON.stringify(next), next.timeout * 1000)) {
        return next;
      }
    }
    throw new AppException(ErrorCode.EVENT_REGISTRY_NOT_FOUND_ERROR, 'Event is changing too often');
  }

  private nowSec(): number {
    return Math.floor(this.now() / 1000);
  }
}

/** A reply as queued for the waiting node: only what the node reads. */
function replyItem(reply: ResumeReply): string {
  return JSON.stringify({ event_type: reply.event_type, content: reply.content });
}
