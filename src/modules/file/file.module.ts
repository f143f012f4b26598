import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { ReadinessRegistry } from '../../core/health/readiness.registry';
import { FileInputValidator } from './inputs/file-input.validator';
import { FilesController } from './serve/files.controller';
import { ObjectStorage } from './storage/object-storage';
import { createObjectStorage } from './storage/storage.factory';
import { UploadController } from './upload/upload.controller';
import { UploadService } from './upload/upload.service';

/** How long boot waits for the store before going on (uploads retry the preparation). */
const PREPARE_AT_BOOT_MS = 5000;

/**
 * Uploads (upload_file / upload_files), the object store behind them (local disk or MinIO/S3,
 * by OSS_TYPE), the local download route, and the run-time check of file-typed flow inputs.
 */
@Module({
  controllers: [UploadController, FilesController],
  providers: [
    { provide: ObjectStorage, useFactory: createObjectStorage, inject: [AppConfig] },
    UploadService,
    FileInputValidator,
  ],
  exports: [FileInputValidator],
})
export class FileModule implements OnModuleInit {
  private readonly logger = new Logger('FileModule');

  constructor(
    private readonly storage: ObjectStorage,
    private readonly readiness: ReadinessRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    this.readiness.register('storage', () => this.storage.check());
    // a store that is down must not keep the service from starting: readiness reports it,
    // and the next upload tries again
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer in ${PREPARE_AT_BOOT_MS} ms`)),
        PREPARE_AT_BOOT_MS,
      );
    });
    try {
      await Promise.race([this.storage.prepare(), timeout]);
    } catch (error) {
      this.logger.warn(`${this.storage.kind} storage not prepared at start: ${String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}
