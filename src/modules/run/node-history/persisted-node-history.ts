import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import type { WorkflowNodeHistoryEntity } from '../../../database/entities';
import { NodeHistoryRepository } from '../../../database/repositories/node-history.repository';
import {
  type LlmMessage,
  NODE_HISTORY_ROWS,
  NodeHistoryKey,
  NodeHistoryStore,
  selectHistory,
  StoredTurn,
  truncateContent,
} from '../../../engine';

/** The engine's NodeHistoryStore port over the node-history rows. Failures are 22301. */
export class PersistedNodeHistory implements NodeHistoryStore {
  constructor(private readonly rows: NodeHistoryRepository) {}

  async load(key: NodeHistoryKey, maxTokens: number): Promise<LlmMessage[]> {
    try {
      const rows = await this.rows.findLatest(key, NODE_HISTORY_ROWS);
      return selectHistory(rows.map(toTurn), maxTokens);
    } catch (error) {
      throw new AppException(
        ErrorCode.ENG_RUN_ERROR,
        `get_history failed: ${(error as Error).message}`,
      );
    }
  }

  async append(
    key: NodeHistoryKey,
    chatId: string,
    question: string,
    answer: string,
  ): Promise<void> {
    try {
      await this.rows.insert({
        flowId: key.flowId,
        uid: key.uid,
        nodeId: key.nodeId,
        chatId,
        rawQuestion: { role: 'user', content: truncateContent(question) },
        rawAnswer: { role: 'assistant', content: truncateContent(answer) },
      });
    } catch (error) {
      throw new AppException(
        ErrorCode.ENG_RUN_ERROR,
        `add_history failed: ${(error as Error).message}`,
      );
    }
  }
}

function toTurn(row: WorkflowNodeHistoryEntity): StoredTurn {
  const content = (value: unknown) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { content?: unknown }).content === 'string'
      ? (value as { content: string }).content
      : typeof value === 'string'
        ? value
        : '';
  return {
    question: { role: 'user', content: content(row.rawQuestion) },
    answer: { role: 'assistant', content: content(row.rawAnswer) },
  };
}
