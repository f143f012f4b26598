import { enableSafeIntegerReads } from './sqlite-safe-integers';

/**
 * Per-connection setup of the embedded SQLite database. A file database runs in WAL mode with
 * `synchronous = NORMAL`: a commit no longer waits for the disk (with FULL, every commit blocked
 * the event loop on an fsync — 0.4 ms typical, several ms at times — stalling every stream the
 * process serves). The WAL is still synced at each checkpoint, so the database stays consistent
 * and keeps every commit through a crash of the service; only a power loss or OS crash may take
 * back the last commits (SQLite's documented trade-off for WAL + NORMAL).
 */
/** the part of better-sqlite3's connection used here */
interface PragmaRunner {
  pragma(source: string): unknown;
}

export function sqliteConnectionSetup(file: boolean): (db: unknown) => void {
  return (db) => {
    enableSafeIntegerReads(db);
    if (!file) return;
    const database = db as PragmaRunner;
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
  };
}
