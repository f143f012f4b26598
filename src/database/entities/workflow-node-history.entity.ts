import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintString, jsonText } from '../column-transformers';

/** One question/answer turn of a model node with chat history enabled. */
@Entity({ name: 'workflow_node_history' })
@Index('idx_node_history_lookup', ['flowId', 'uid', 'nodeId'])
export class WorkflowNodeHistoryEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintString })
  id!: string;

  @Column({ name: 'node_id', type: 'varchar', length: 255 })
  nodeId!: string;

  @Column({ type: 'varchar', length: 255 })
  uid!: string;

  @Column({ name: 'chat_id', type: 'varchar', length: 255, nullable: true })
  chatId!: string | null;

  @Column({ name: 'raw_question', type: 'text', nullable: true, transformer: jsonText })
  rawQuestion!: unknown;

  @Column({ name: 'raw_answer', type: 'text', nullable: true, transformer: jsonText })
  rawAnswer!: unknown;

  @Column({ name: 'create_time' })
  createTime!: Date;

  @Column({ name: 'flow_id', type: 'varchar', length: 255 })
  flowId!: string;
}
