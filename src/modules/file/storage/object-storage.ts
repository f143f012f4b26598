/** A file spooled to local disk, ready to be stored under `key` (`<uuid>.<ext>`). */
export interface ObjectToStore {
  key: string;
  filePath: string;
  size: number;
  contentType: string;
  /** sanitised client file name, kept as object metadata where the store supports it */
  originalName: string;
}

/**
 * Where uploaded files live. Two real adapters: local disk (the embedded default, served back
 * by this service) and MinIO/S3. Used as the Nest injection token too.
 */
export abstract class ObjectStorage {
  abstract readonly kind: 'local' | 's3';

  /** Creates the directory / bucket if missing. Memoised; a failure is retried on next call. */
  abstract prepare(): Promise<void>;

  abstract put(object: ObjectToStore): Promise<void>;

  /** Removes an object; a missing object is not an error. */
  abstract remove(key: string): Promise<void>;

  /** Public URL of a stored object; `origin` is this service's origin as the client sees it. */
  abstract urlOf(key: string, origin: string): string;

  /** Readiness: throws when the store cannot take uploads. */
  abstract check(): Promise<void>;
}

/** Object keys this service creates (and the only names the local file route will open). */
export const OBJECT_KEY_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[a-z0-9]{1,16}$/;

export function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
