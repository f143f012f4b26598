import { QueryFailedError } from 'typeorm';

/** The database refused a statement (a unique key taken by a concurrent write, for instance). */
export function isQueryFailure(error: unknown): boolean {
  return error instanceof QueryFailedError;
}
