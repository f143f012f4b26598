import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** One unit of work: passed to every repository call that belongs to it. */
export type Transaction = EntityManager;

/** Runs work in one database transaction: committed when it resolves, rolled back if it throws. */
@Injectable()
export class Transactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }
}
