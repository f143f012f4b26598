import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { DatabaseBackend, DatabaseRequest, DatabaseResult } from './database-service';
import { deadline, requestFailed, serviceRefused } from './request-error';
import { inlineSql } from './sql';

// The astron database service (docs/nodes.md#database): `POST {PGSQL_URL}` with the statement
// as PostgreSQL text, values inlined as quoted literals.

export interface RemoteDatabaseOptions {
  /** PGSQL_URL (or PGSQL_BASE_URL + the fixed path); absent → 22301 */
  readonly url?: string;
  readonly timeoutMs: number;
}

interface ServiceBody {
  code?: unknown;
  message?: unknown;
  sid?: unknown;
  data?: { exec_success?: unknown };
}

export class RemoteDatabase implements DatabaseBackend {
  constructor(private readonly options: RemoteDatabaseOptions) {}

  async execute(request: DatabaseRequest): Promise<DatabaseResult> {
    const { url, timeoutMs } = this.options;
    if (!url)
      throw new AppException(ErrorCode.ENG_RUN_ERROR, 'PGSQL_URL environment variable is not set');
    const body: Record<string, unknown> = {
      app_id: request.appId,
      database_id: request.dbId,
      uid: request.uid,
      dml: inlineSql(request.sql),
      env: request.env,
    };
    if (request.spaceId) body.space_id = request.spaceId;
    const limit = deadline(request.signal, timeoutMs);
    let parsed: ServiceBody;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          // the reference sends a literal `$` before the key; the service expects that form
          Authorization: `Bearer $${request.apiKey}`,
          'X-Consumer-Username': request.appId,
        },
        body: JSON.stringify(body),
        signal: limit.signal,
      });
      const text = await response.text();
      try {
        parsed = JSON.parse(text) as ServiceBody;
      } catch {
        throw requestFailed(`HTTP ${response.status}, not a JSON body: ${text.slice(0, 200)}`);
      }
      if (typeof parsed !== 'object' || parsed === null) {
        throw requestFailed(`HTTP ${response.status}, not a JSON object`);
      }
    } catch (error) {
      if (error instanceof AppException) throw error;
      if (limit.timedOut()) throw requestFailed(`no answer within ${timeoutMs} ms`);
      if (request.signal.aborted) throw error;
      throw requestFailed(error instanceof Error ? causeText(error) : String(error));
    }
    if (parsed.code !== 0) throw serviceRefused(parsed.code, parsed.message, parsed.sid);
    const rows = parsed.data?.exec_success ?? [];
    if (!Array.isArray(rows)) throw requestFailed('data.exec_success is not a list');
    return {
      message: typeof parsed.message === 'string' ? parsed.message : '',
      rows: rows.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null),
    };
  }

  async close(): Promise<void> {}
}

/** fetch hides the socket error in `cause` ("fetch failed: ECONNREFUSED …"). */
function causeText(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}
