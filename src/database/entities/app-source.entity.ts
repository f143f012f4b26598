import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintString, intNumber } from '../column-transformers';

/** Maps a management-platform source id to the platform value (1, 2 or 4). */
@Entity({ name: 'app_source' })
export class AppSourceEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintString })
  id!: string;

  @Column({ type: 'int', default: 0, transformer: intNumber })
  source!: number;

  @Column({ name: 'source_id', type: 'varchar', length: 32 })
  sourceId!: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  description!: string | null;

  @Column({ name: 'create_at' })
  createAt!: Date;

  @Column({ name: 'update_at' })
  updateAt!: Date;
}
