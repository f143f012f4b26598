import type { LlmMessage } from './llm-provider';

// Persisted per-node chat history (docs/engine.md#per-node-history, "legacy" enableChatHistory) as a port: the
// engine loads and appends turns; the service stores them in workflow_node_history.

export interface NodeHistoryKey {
  flowId: string;
  uid: string;
  nodeId: string;
}

export interface NodeHistoryStore {
  /** The 10 newest turns, as chronological messages, within 0.8 × maxTokens bytes. */
  load(key: NodeHistoryKey, maxTokens: number): Promise<LlmMessage[]>;
  /** Stores one turn: the rendered prompt and the raw model answer. */
  append(key: NodeHistoryKey, chatId: string, question: string, answer: string): Promise<void>;
}

export interface StoredTurn {
  question: { role: 'user'; content: string };
  answer: { role: 'assistant'; content: string };
}

export const NODE_HISTORY_ROWS = 10;

/**
 * Turns (newest first) → chronological messages: accept turns while the running byte total of
 * their JSON stays within 0.8 × maxTokens.
 */
export function selectHistory(newestFirst: StoredTurn[], maxTokens: number): LlmMessage[] {
  const limit = 0.8 * maxTokens;
  let total = 0;
  const reversed: LlmMessage[] = [];
  for (const turn of newestFirst.slice(0, NODE_HISTORY_ROWS)) {
    total +=
      Buffer.byteLength(JSON.stringify(turn.question)) +
      Buffer.byteLength(JSON.stringify(turn.answer));
    if (total > limit) break;
    reversed.push({ role: 'assistant', content: turn.answer.content });
    reversed.push({ role: 'user', content: turn.question.content });
  }
  return reversed.reverse();
}

const MAX_CONTENT_BYTES = Math.floor(0.95 * 16 * 1024 * 1024);

/** Contents longer than 95 % of 16 MiB are cut (the column limit of the reference). */
export function truncateContent(text: string): string {
  if (Buffer.byteLength(text) <= MAX_CONTENT_BYTES) return text;
  return Buffer.from(text).subarray(0, MAX_CONTENT_BYTES).toString('utf8');
}
