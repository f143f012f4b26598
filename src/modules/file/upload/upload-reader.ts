import busboy, { type Busboy, type FileInfo } from 'busboy';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppException, isAppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { paramException } from '../../../core/errors/param-error';
import { cutOffRemainingBody } from './body-cutoff';
import { isSafeExtension, parseClientFileName } from './file-name';
import { fileTooLarge, UploadInspector } from './upload-inspector';

/** One accepted file, checked and spooled to local disk; the caller stores, then discards it. */
export interface SpooledFile {
  name: string;
  extension: string;
  size: number;
  path: string;
}

export interface UploadReadOptions {
  /** multipart part name holding the file(s): `file` or `files` */
  field: string;
  multiple: boolean;
  supportedTypes: ReadonlySet<string>;
  sizeLimit: number;
  spoolDir: string;
}

/** Upper bound on file parts per request (a multi upload beyond it is refused with 23601). */
export const MAX_FILE_PARTS = 50;

const invalidFile = (detail: string) => new AppException(ErrorCode.FILE_INVALID_ERROR, detail);
const storageFailure = () => new AppException(ErrorCode.FILE_STORAGE_ERROR);
const clientGone = () => new Error('client closed the upload');

/**
 * Reads a multipart upload as it streams in. Each file's name and extension are checked from
 * its part header before any byte is read; its bytes go through the size / signature inspector
 * into a spool file. The first failure stops reading at once (the rest of the body is cut off),
 * removes every spool file and rejects with the code to answer.
 */
export function readUploads(
  req: IncomingMessage,
  res: ServerResponse,
  options: UploadReadOptions,
): Promise<SpooledFile[]> {
  return new UploadReader(req, res, options).read();
}

class UploadReader {
  private parser?: Busboy;
  private readonly accepted: (SpooledFile | undefined)[] = [];
  private readonly pending: Promise<void>[] = [];
  private readonly spoolPaths = new Set<string>();
  private fieldValue?: string;
  private settled = false;
  private spoolReady?: Promise<unknown>;
  private resolve!: (files: SpooledFile[]) => void;
  private reject!: (error: unknown) => void;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly options: UploadReadOptions,
  ) {}

  read(): Promise<SpooledFile[]> {
    const result = new Promise<SpooledFile[]>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    try {
      this.parser = busboy({
        headers: this.req.headers,
        defParamCharset: 'utf8',
        limits: { files: MAX_FILE_PARTS, fields: 100, fieldSize: 64 * 1024, parts: 200 },
      });
    } catch {
      // not multipart at all (or no boundary): the part is missing, as the reference says
      this.fail(this.missingPart());
      return result;
    }
    this.parser.on('file', (name, stream, info) => this.onFile(name, stream, info));
    this.parser.on('field', (name, value) => {
      if (name === this.options.field) this.fieldValue ??= value;
    });
    this.parser.on('filesLimit', () =>
      this.fail(invalidFile(`Too many files: at most ${MAX_FILE_PARTS} per request`)),
    );
    this.parser.on('error', (error: Error) => this.fail(malformedBody(error)));
    this.parser.on('close', () => void this.finish());
    this.req.once('close', () => {
      if (!this.req.complete) this.fail(clientGone());
    });
    this.req.pipe(this.parser);
    return result;
  }

  private onFile(name: string, stream: Readable, info: FileInfo): void {
    // destroying the parser destroys the open part with an error; it is handled through `fail`
    stream.on('error', () => undefined);
    if (this.settled) return void stream.resume();
    if (name !== this.options.field || (!this.options.multiple && this.accepted.length > 0)) {
      return this.skip(stream);
    }
    const index = this.accepted.push(undefined) - 1;
    const { name: fileName, extension, isEmpty } = parseClientFileName(info.filename);
    if (!this.options.supportedTypes.has(extension) || !isSafeExtension(extension)) {
      return this.fail(invalidFile(`Unsupported file type: ${extension}`));
    }
    if (isEmpty) return this.fail(invalidFile('File name cannot be empty'));

    const path = join(this.options.spoolDir, `${randomUUID()}.part`);
    this.spoolPaths.add(path);
    const inspector = new UploadInspector(extension, this.options.sizeLimit);
    this.spoolReady ??= mkdir(this.options.spoolDir, { recursive: true });
    const spooled = this.spoolReady
      .then(() => spool(stream, inspector, path))
      .then(
        () => {
          this.accepted[index] = { name: fileName, extension, size: inspector.size, path };
        },
        (error: unknown) => this.fail(isAppException(error) ? error : storageFailure(), error),
      );
    this.pending.push(spooled);
  }

  /** Parts we do not use are dropped, but still may not exceed the size limit. */
  private skip(stream: Readable): void {
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > this.options.sizeLimit) this.fail(fileTooLarge());
    });
  }

  private async finish(): Promise<void> {
    await Promise.all(this.pending);
    if (this.settled) return;
    const files = this.accepted.filter((f): f is SpooledFile => f !== undefined);
    if (files.length === 0 || files.length !== this.accepted.length) {
      return this.fail(this.missingPart());
    }
    this.settled = true; // late events are ignored from here on
    this.resolve(files);
  }

  private fail(error: unknown, cause?: unknown): void {
    if (this.settled) return;
    this.settled = true;
    if (cause !== undefined && isAppException(error) && !isAppException(cause)) {
      (error as Error & { cause?: unknown }).cause = cause;
    }
    if (this.parser) {
      this.req.unpipe(this.parser);
      this.parser.on('error', () => undefined);
      this.parser.destroy();
    }
    if (isAppException(error)) cutOffRemainingBody(this.req, this.res);
    void this.cleanUp().finally(() => this.reject(error));
  }

  private async cleanUp(): Promise<void> {
    await Promise.allSettled(this.pending);
    await removeQuietly([...this.spoolPaths]);
  }

  private missingPart(): AppException {
    const field = this.options.field;
    if (this.fieldValue !== undefined) {
      return paramException([
        {
          loc: ['body', field],
          input: this.fieldValue,
          description: "Value error, Expected UploadFile, received: <class 'str'>",
          type: 'value_error',
        },
      ]);
    }
    return paramException([
      { loc: ['body', field], input: undefined, description: 'Field required', type: 'missing' },
    ]);
  }
}

function malformedBody(error: Error): AppException {
  return paramException([
    {
      loc: ['body'],
      input: undefined,
      description: `Malformed multipart body: ${error.message}`,
      type: 'value_error',
    },
  ]);
}

/**
 * Streams a part through its inspector into `path`. Settles only once the file is closed: a
 * failed pipeline can settle while the file is still being opened, and a clean-up running then
 * would remove nothing and leave the file created just after it.
 */
async function spool(stream: Readable, inspector: UploadInspector, path: string): Promise<void> {
  const file = createWriteStream(path, { flags: 'wx' });
  try {
    await pipeline(stream, inspector, file);
  } finally {
    if (!file.closed) await new Promise<void>((done) => file.once('close', () => done()));
  }
}

/** Removes spool files once their content is stored (or the request failed after reading). */
export async function discardSpooled(files: readonly SpooledFile[]): Promise<void> {
  await removeQuietly(files.map((f) => f.path));
}

/** Best effort: a spool that cannot be removed (its directory is gone) must not mask the answer. */
async function removeQuietly(paths: readonly string[]): Promise<void> {
  await Promise.allSettled(paths.map((p) => rm(p, { force: true })));
}
