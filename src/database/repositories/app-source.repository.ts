import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppSourceEntity } from '../entities';

/** The `app_source` table: management-platform source ids mapped to platform values. */
@Injectable()
export class AppSourceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findBySourceId(sourceId: string): Promise<AppSourceEntity | null> {
    return this.dataSource.getRepository(AppSourceEntity).findOneBy({ sourceId });
  }
}
