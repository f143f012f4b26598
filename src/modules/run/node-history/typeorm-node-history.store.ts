import { DataSource, Repository } from 'typeorm';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { newSnowflakeId } from '../../../core/ids/snowflake';
import { WorkflowNodeHistoryEntity } from '../../../database/entities/workflow-node-history.entity';
import {
  type LlmMessage,
  NODE_HISTORY_ROWS,
  NodeHistoryKey,
  NodeHistoryStore,
  selectHistory,
  StoredTurn,
  truncateContent,
} from '../../../engine';

/** workflow_node_history behind the engine's NodeHistoryStore port. Failures are 22301. */
export class TypeOrmNodeHistoryStore implements NodeHistoryStore {
  private readonly rows: Repository<WorkflowNodeHistoryEntity>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(WorkflowNodeHistoryEntity);
  }

  async load(key: NodeHistoryKey, maxTokens: number): Promise<LlmMessage[]> {
    try {
      const rows = await this.rows.find({
        where: { flowId: key.flowId, uid: key.uid, nodeId: key.nodeId },
        order: { createTime: 'DESC', id: 'DESC' },
        take: NODE_HISTORY_ROWS,
      });
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
        id: newSnowflakeId(),
        flowId: key.flowId,
        uid: key.uid,
        nodeId: key.nodeId,
        chatId,
        rawQuestion: { role: 'user', content: truncateContent(question) },
        rawAnswer: { role: 'assistant', content: truncateContent(answer) },
        createTime: new Date(),
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
