import { Injectable, Logger, Optional } from '@nestjs/common';
import { sidOf } from '../../../core/http/request-sid';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { AppConfig } from '../../../core/config/app-config';
import { AppException } from '../../../core/errors/app.exception';
import { ErrorCode } from '../../../core/errors/error-code';
import { ServiceMetrics } from '../../../core/telemetry/service-metrics';
import { ObjectStorage } from '../storage/object-storage';
import { contentTypeOf } from './content-types';
import { discardSpooled, readUploads, SpooledFile, UploadReadOptions } from './upload-reader';

/** Spool directory for uploads in flight: inside the local store, so storing is a rename. */
export function spoolDirOf(config: AppConfig): string {
  return join(resolve(config.files.localDir), '.incoming');
}

/**
 * upload_file(s) (docs/api.md#uploads): every file is checked while it streams in, then all are
 * stored as `<uuid>.<ext>`. All-or-nothing: when a file cannot be stored, the ones already
 * stored by this request are removed again.
 */
@Injectable()
export class UploadService {
  private readonly logger = new Logger('UploadService');
  private readonly supportedTypes: ReadonlySet<string>;

  constructor(
    private readonly config: AppConfig,
    private readonly storage: ObjectStorage,
    @Optional() private readonly metrics?: ServiceMetrics,
  ) {
    this.supportedTypes = new Set(config.files.supportedTypes);
  }

  async uploadOne(req: Request, res: Response): Promise<{ url: string }> {
    const [url] = await this.upload(req, res, 'file', false);
    return { url };
  }

  async uploadMany(req: Request, res: Response): Promise<{ urls: string[] }> {
    return { urls: await this.upload(req, res, 'files', true) };
  }

  private async upload(req: Request, res: Response, field: string, multiple: boolean) {
    const options: UploadReadOptions = {
      field,
      multiple,
      supportedTypes: this.supportedTypes,
      sizeLimit: this.config.files.sizeLimit,
      spoolDir: spoolDirOf(this.config),
    };
    // log lines name the request's sid themselves (there is no request-scoped logger)
    const sid = sidOf(req);
    const files = await readUploads(req, res, options).catch((error: unknown) => {
      const cause = (error as { cause?: unknown }).cause;
      if (cause !== undefined) this.logger.error({ sid, err: cause }, 'spooling an upload failed');
      throw error;
    });
    try {
      const keys = await this.storeAll(files, sid);
      return keys.map((key) => this.storage.urlOf(key, originOf(req)));
    } finally {
      await discardSpooled(files);
    }
  }

  private async storeAll(files: readonly SpooledFile[], sid: string): Promise<string[]> {
    const stored: string[] = [];
    try {
      await this.storage.prepare();
      for (const file of files) {
        const key = `${randomUUID()}.${file.extension}`;
        await this.storage.put({
          key,
          filePath: file.path,
          size: file.size,
          contentType: contentTypeOf(file.extension),
          originalName: file.name,
        });
        stored.push(key);
        this.metrics?.uploadBytes.inc(file.size);
      }
      return stored;
    } catch (error) {
      this.logger.error({ sid, err: error, stored: stored.length }, 'storing an upload failed');
      await this.removeAll(stored, sid);
      throw new AppException(ErrorCode.FILE_STORAGE_ERROR);
    }
  }

  private async removeAll(keys: readonly string[], sid: string): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => this.storage.remove(key)));
    results.forEach((result, i) => {
      if (result.status === 'rejected') {
        this.logger.error(
          { sid, err: result.reason, key: keys[i] },
          'could not remove a stored upload',
        );
      }
    });
  }
}

/** This service's origin as the client addressed it (used when PUBLIC_BASE_URL is not set). */
function originOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
