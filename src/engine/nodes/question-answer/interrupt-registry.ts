// What the question-answer node needs of the run/event registry (src/modules/run implements it),
// apart from the node's own code so the asking side and the dialogue journal share it.

export interface ReceivedReply {
  event_type: string;
  content: string;
  /** reply queue metadata `retries` when the reply was taken */
  retries: number;
}

/** What the question-answer node needs of the run registry (src/modules/run). */
export interface InterruptRegistry {
  pauseAt(eventId: string, nodeId: string, timeoutSec: number): Promise<unknown>;
  waitReply(
    eventId: string,
    nodeId: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<ReceivedReply | null>;
  clearInterruptNode(eventId: string): Promise<void>;
}
