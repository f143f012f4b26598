import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintString, intNumber } from '../column-transformers';

/** A tenant or ordinary app, keyed on the wire by `alias_id` (the X-Consumer-Username value). */
@Entity({ name: 'app' })
export class AppEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintString })
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  name!: string;

  @Column({ name: 'alias_id', type: 'varchar', length: 64, unique: true })
  aliasId!: string;

  @Column({ name: 'api_key', type: 'varchar', length: 50 })
  apiKey!: string;

  @Column({ name: 'api_secret', type: 'varchar', length: 50 })
  apiSecret!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  description!: string | null;

  @Column({ name: 'is_tenant', type: 'int', default: 0, transformer: intNumber })
  isTenant!: number;

  @Column({ type: 'int', default: 0, transformer: intNumber })
  source!: number;

  @Column({ name: 'actual_source', type: 'int', default: 0, transformer: intNumber })
  actualSource!: number;

  @Column({ name: 'plat_release_auth', type: 'int', default: 0, transformer: intNumber })
  platReleaseAuth!: number;

  @Column({ type: 'int', default: 1, transformer: intNumber })
  status!: number;

  @Column({ name: 'audit_policy', type: 'int', default: 0, transformer: intNumber })
  auditPolicy!: number;

  @Column({ name: 'create_at' })
  createAt!: Date;

  @Column({ name: 'update_at' })
  updateAt!: Date;
}
