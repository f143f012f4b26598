import { constants } from 'node:fs';
import { access, copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MemoisedPreparation } from './memoised-preparation';
import {
  OBJECT_KEY_PATTERN,
  ObjectStorage,
  ObjectToStore,
  trimTrailingSlashes,
} from './object-storage';

/** Path under which this service serves locally stored files. */
export const LOCAL_FILES_ROUTE = 'workflow/v1/files';

/**
 * Files in one directory (`FILE_STORAGE_DIR`), served back by this service at
 * `GET /workflow/v1/files/<key>`. URLs use `PUBLIC_BASE_URL` when set, else the request origin.
 */
export class LocalDiskStorage extends ObjectStorage {
  readonly kind = 'local' as const;
  private readonly dir: string;
  private readonly preparation: MemoisedPreparation;

  constructor(
    dir: string,
    private readonly publicBaseUrl?: string,
  ) {
    super();
    this.dir = resolve(dir);
    this.preparation = new MemoisedPreparation(async () => {
      await mkdir(this.dir, { recursive: true });
    });
  }

  prepare(): Promise<void> {
    return this.preparation.run();
  }

  async put(object: ObjectToStore): Promise<void> {
    const target = this.pathOf(object.key);
    try {
      // the spool normally lives inside this directory: a rename is atomic and copies nothing
      await rename(object.filePath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(object.filePath, target, constants.COPYFILE_EXCL);
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  urlOf(key: string, origin: string): string {
    return `${trimTrailingSlashes(this.publicBaseUrl ?? origin)}/${LOCAL_FILES_ROUTE}/${key}`;
  }

  async check(): Promise<void> {
    const info = await stat(this.dir);
    if (!info.isDirectory()) throw new Error(`${this.dir} is not a directory`);
    await access(this.dir, constants.W_OK);
  }

  /** Absolute path of a stored object, or undefined when the key is not ours or is absent. */
  async locate(key: string): Promise<string | undefined> {
    if (!OBJECT_KEY_PATTERN.test(key)) return undefined;
    const path = this.pathOf(key);
    try {
      return (await stat(path)).isFile() ? path : undefined;
    } catch {
      return undefined;
    }
  }

  private pathOf(key: string): string {
    if (!OBJECT_KEY_PATTERN.test(key)) throw new Error(`not an object key: ${key}`);
    return join(this.dir, key);
  }
}
