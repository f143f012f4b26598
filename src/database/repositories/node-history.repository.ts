import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { newSnowflakeId } from '../../core/ids/snowflake';
import { WorkflowNodeHistoryEntity } from '../entities';

/** Whose history a row belongs to: one node of one flow, for one user. */
export type NodeHistoryOwner = Pick<WorkflowNodeHistoryEntity, 'flowId' | 'uid' | 'nodeId'>;

/** A stored message: the JSON document of `raw_question` / `raw_answer`. */
export interface NodeHistoryMessage {
  role: string;
  content: string;
}

/** Values of a new turn; the id and `create_time` are set on insert. */
export interface NewNodeHistoryTurn extends NodeHistoryOwner {
  chatId: string;
  rawQuestion: NodeHistoryMessage;
  rawAnswer: NodeHistoryMessage;
}

/** The `workflow_node_history` table: question/answer turns of model nodes. */
@Injectable()
export class NodeHistoryRepository {
  private readonly rows: Repository<WorkflowNodeHistoryEntity>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository(WorkflowNodeHistoryEntity);
  }

  /** The owner's newest `limit` turns, newest first. */
  findLatest(owner: NodeHistoryOwner, limit: number): Promise<WorkflowNodeHistoryEntity[]> {
    return this.rows.find({
      where: { flowId: owner.flowId, uid: owner.uid, nodeId: owner.nodeId },
      order: { createTime: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  async insert(turn: NewNodeHistoryTurn): Promise<void> {
    await this.rows.insert({ ...turn, id: newSnowflakeId(), createTime: new Date() });
  }
}
