import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import { bigintString, intNumber, jsonText } from '../column-transformers';

/** A flow row: the working draft (`version = "-1"`), a published snapshot or a comparison row. */
@Entity({ name: 'flow' })
@Unique('uk_flow_group_version', ['groupId', 'version'])
export class FlowEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintString })
  id!: string;

  @Column({ name: 'group_id', type: 'bigint', default: 0, transformer: bigintString })
  groupId!: string;

  @Index('idx_flow_name')
  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'text', nullable: true, transformer: jsonText })
  data!: unknown;

  @Column({ name: 'release_data', type: 'text', nullable: true, transformer: jsonText })
  releaseData!: unknown;

  @Column({ type: 'varchar', length: 1024, nullable: true })
  description!: string | null;

  @Column({ type: 'varchar', length: 128, default: '' })
  version!: string;

  @Column({ type: 'int', default: 0, transformer: intNumber })
  status!: number;

  @Column({
    name: 'release_status',
    type: 'int',
    nullable: true,
    default: 0,
    transformer: intNumber,
  })
  releaseStatus!: number;

  @Column({ name: 'app_id', type: 'varchar', length: 255, nullable: true, default: '' })
  appId!: string | null;

  @Column({ type: 'int', default: 0, transformer: intNumber })
  source!: number;

  @Column({ type: 'int', nullable: true, default: 0, transformer: intNumber })
  tag!: number;

  /** internal id of the app that added the flow (TENANCY=strict ownership); "0" when unknown */
  @Column({ name: 'create_by', type: 'bigint', default: '0', transformer: bigintString })
  createBy!: string;

  @Column({ name: 'create_at' })
  createAt!: Date;

  @Column({ name: 'update_at' })
  updateAt!: Date;
}
