import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { bigintString, intNumber } from '../column-transformers';

/** Binding of an app (internal id) to a flow group; status 0 disables it. */
@Entity({ name: 'license' })
@Unique('uk_license_app_group', ['appId', 'groupId'])
export class LicenseEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintString })
  id!: string;

  @Column({ name: 'app_id', type: 'bigint', transformer: bigintString })
  appId!: string;

  @Column({ name: 'group_id', type: 'bigint', transformer: bigintString })
  groupId!: string;

  @Column({ type: 'int', default: 1, transformer: intNumber })
  status!: number;

  @Column({ name: 'create_at' })
  createAt!: Date;

  @Column({ name: 'update_at' })
  updateAt!: Date;
}
