import { Transform, type TransformCallback } from 'node:stream';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { contentMatchesExtension, hasSignature, SIGNATURE_HEAD_BYTES } from './file-signature';

export function fileTooLarge(): AppException {
  return new AppException(ErrorCode.FILE_INVALID_ERROR, 'File size exceeds limit');
}

/**
 * Sits between the multipart file stream and its spool file: counts bytes and fails the
 * moment the limit is passed (the rest is never read), and checks the leading bytes against
 * the declared extension as soon as enough of them arrived.
 */
export class UploadInspector extends Transform {
  private bytes = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private verified: boolean;

  constructor(
    private readonly extension: string,
    private readonly sizeLimit: number,
  ) {
    super();
    this.verified = !hasSignature(extension);
  }

  get size(): number {
    return this.bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.sizeLimit) return done(fileTooLarge());
    if (!this.verified) {
      this.head.push(chunk);
      this.headLength += chunk.length;
      if (this.headLength >= SIGNATURE_HEAD_BYTES) {
        const mismatch = this.verify();
        if (mismatch) return done(mismatch);
      }
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    done(this.verified ? null : this.verify());
  }

  private verify(): AppException | null {
    this.verified = true;
    const head = Buffer.concat(this.head);
    this.head = [];
    if (contentMatchesExtension(this.extension, head)) return null;
    return new AppException(
      ErrorCode.FILE_INVALID_ERROR,
      `File content does not match its extension: ${this.extension}`,
    );
  }
}
