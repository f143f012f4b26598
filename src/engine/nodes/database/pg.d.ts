// The part of the `pg` driver the embedded database mode uses (the package ships no types and
// @types/pg is not a dependency).
declare module 'pg' {
  export interface ClientConfig {
    connectionString?: string;
    connectionTimeoutMillis?: number;
    statement_timeout?: number;
  }
  export interface QueryResult {
    rows: Record<string, unknown>[];
  }
  export class Client {
    constructor(config: ClientConfig);
    connect(): Promise<void>;
    query(text: string | { text: string; values: unknown[] }): Promise<QueryResult>;
    end(): Promise<void>;
    on(event: 'error', listener: (error: Error) => void): this;
  }
}
