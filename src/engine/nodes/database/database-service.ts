import type { Sql } from './sql';
import type { StatementKind } from './statement-guard';

/** One statement of a database node, with the identity the remote service needs. */
export interface DatabaseRequest {
  readonly sql: Sql;
  readonly kind: StatementKind;
  readonly appId: string;
  readonly apiKey: string;
  readonly uid: string;
  readonly dbId: number;
  readonly spaceId: string;
  /** `prod` for released runs, `test` for debug runs */
  readonly env: 'test' | 'prod';
  readonly signal: AbortSignal;
}

export interface DatabaseResult {
  readonly message: string;
  /** rows returned; for an INSERT the written rows or at least their `id` */
  readonly rows: Record<string, unknown>[];
}

/** Where database nodes run their statements (engine service `database`). */
export interface DatabaseBackend {
  execute(request: DatabaseRequest): Promise<DatabaseResult>;
  close(): Promise<void>;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    database: DatabaseBackend;
  }
}
