import { Client, type ClientConfig } from 'pg';
import { createConnection, type Connection, type ResultSetHeader } from 'mysql2/promise';
import { AppException } from '../../errors/engine-error';
import type { DatabaseBackend, DatabaseRequest, DatabaseResult } from './database-service';
import { deadline, requestFailed, serviceRefused } from './request-error';
import { boundSql, type Dialect } from './sql';
import { checkStatement, withoutTerminator } from './statement-guard';

// Embedded mode (docs/nodes.md#database-embedded-mode): with DATABASE_NODE_URL the node runs
// its statement itself on the operator's PostgreSQL or MySQL/MariaDB database: one allowed DML
// statement, bound parameters, SELECTs in a read-only session, a row cap and a deadline. One
// connection per statement keeps a stalled or cancelled statement from poisoning a pool.

export interface EmbeddedDatabaseOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly maxRows: number;
}

type Row = Record<string, unknown>;

export function dialectOf(url: string): Dialect {
  const protocol = new URL(url).protocol;
  return protocol === 'mysql:' || protocol === 'mariadb:' ? 'mysql' : 'postgres';
}

export class EmbeddedDatabase implements DatabaseBackend {
  readonly dialect: Dialect;

  constructor(private readonly options: EmbeddedDatabaseOptions) {
    this.dialect = dialectOf(options.url);
  }

  async execute(request: DatabaseRequest): Promise<DatabaseResult> {
    const kind = checkStatement(request.sql);
    const { text, values } = boundSql(withoutTerminator(request.sql), this.dialect);
    const limit = deadline(request.signal, this.options.timeoutMs);
    const run =
      this.dialect === 'mysql'
        ? this.runMysql(text, values, kind, limit.signal)
        : this.runPostgres(text, values, kind, limit.signal);
    let rows: Row[];
    try {
      rows = await run;
    } catch (error) {
      if (limit.timedOut()) throw requestFailed(`no answer within ${this.options.timeoutMs} ms`);
      if (request.signal.aborted || error instanceof AppException) throw error;
      const e = error as { code?: unknown; message?: unknown };
      throw serviceRefused(e.code ?? 'unknown', e.message ?? String(error), 'embedded');
    }
    const capped = rows.length > this.options.maxRows;
    return {
      message: capped ? `success (first ${this.options.maxRows} rows)` : 'success',
      rows: capped ? rows.slice(0, this.options.maxRows) : rows,
    };
  }

  async close(): Promise<void> {}

  private async runPostgres(
    text: string,
    values: unknown[],
    kind: string,
    signal: AbortSignal,
  ): Promise<Row[]> {
    const config: ClientConfig = {
      connectionString: this.options.url,
      connectionTimeoutMillis: this.options.timeoutMs,
      statement_timeout: this.options.timeoutMs,
    };
    const client = new Client(config);
    client.on('error', () => undefined); // a killed connection reports here; the query rejects
    const kill = () => void client.end().catch(() => undefined);
    return withAbort(signal, kill, async () => {
      await client.connect();
      try {
        if (kind === 'select')
          await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
        // RETURNING * gives the written row back, as the service's `{id}` rows do
        const statement = kind === 'insert' ? `${text} RETURNING *` : text;
        const result = await client.query({ text: statement, values });
        return kind === 'select' || kind === 'insert' ? (result.rows as Row[]) : [];
      } finally {
        kill();
      }
    });
  }

  private async runMysql(
    text: string,
    values: unknown[],
    kind: string,
    signal: AbortSignal,
  ): Promise<Row[]> {
    let connection: Connection | undefined;
    const kill = () => connection?.destroy();
    return withAbort(signal, kill, async () => {
      connection = await createConnection({
        uri: this.options.url,
        connectTimeout: this.options.timeoutMs,
        multipleStatements: false,
        dateStrings: true,
      });
      if (signal.aborted) kill();
      try {
        if (kind === 'select') await connection.query('SET SESSION TRANSACTION READ ONLY');
        const [result] = await connection.execute({
          sql: text,
          values,
          timeout: this.options.timeoutMs,
        });
        if (kind === 'select') return result as Row[];
        const header = result as ResultSetHeader;
        return kind === 'insert' && header.insertId ? [{ id: header.insertId }] : [];
      } finally {
        await connection.end().catch(() => kill());
      }
    });
  }
}

/** Runs `work`; an abort kills the connection and rejects at once. */
function withAbort<T>(signal: AbortSignal, kill: () => void, work: () => Promise<T>): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      kill();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
