import type { HistoryItem } from '../runtime/history-item';
import type { LlmMessage } from './llm-provider';

// Request chat history (v2) trimming for model calls (docs/engine.md#request-history, docs/nodes.md#chat-history).

/** est(x) = ⌊1.5 × length of the textual dump of x⌋ */
export function estimateTokens(value: unknown): number {
  if (value === undefined) return 0;
  return Math.floor(1.5 * JSON.stringify(value).length);
}

/**
 * Keeps the last image and the last `rounds` user/assistant pairs (paired from the oldest),
 * then drops the oldest pairs while they cost more than 95 % of what `maxTokens` leaves after
 * the system and user messages. Result: [last image] + the remaining items in order.
 */
export function trimHistory(
  history: HistoryItem[],
  rounds: number,
  maxTokens: number,
  system: LlmMessage | undefined,
  user?: LlmMessage,
): HistoryItem[] {
  const budget = maxTokens - estimateTokens(system) - estimateTokens(user);
  const images = history.filter((item) => item.content_type === 'image');
  const others = history.filter((item) => item.content_type !== 'image');
  const groups: HistoryItem[][] = [];
  for (let i = 0; i < others.length; i += 2) groups.push(others.slice(i, i + 2));
  const kept = groups.slice(Math.max(0, groups.length - Math.max(1, rounds)));
  const limit = Math.floor(0.95 * budget);
  while (kept.length && estimateTokens(kept.flat()) > limit) kept.shift();
  const lastImage = images[images.length - 1];
  return [...(lastImage ? [lastImage] : []), ...kept.flat()];
}

/** History items as model messages (content_type kept only for non-text items). */
export function historyMessages(items: HistoryItem[]): LlmMessage[] {
  return items.map((item) => ({
    role: item.role,
    content: item.content,
    ...(item.content_type && item.content_type !== 'text'
      ? { contentType: item.content_type }
      : {}),
  }));
}

/** Reads `enableChatHistoryV2` ({isEnabled, rounds ≥ 1, default 1}). */
export function historyV2Settings(nodeParam: Record<string, unknown>): {
  enabled: boolean;
  rounds: number;
} {
  const raw = nodeParam.enableChatHistoryV2 as
    { isEnabled?: unknown; rounds?: unknown } | undefined;
  const rounds = typeof raw?.rounds === 'number' && raw.rounds > 0 ? Math.floor(raw.rounds) : 1;
  return { enabled: raw?.isEnabled === true, rounds };
}
