import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../core/config/app-config';
import { StartNodeLike, validateFileInputs } from './validate-file-inputs';

/**
 * `validateFileInputs` with the service's FILE_SIZE_LIMIT, for Nest callers (chat / debug run
 * services): `await fileInputs.validate(startNodeOf(dsl), parameters, signal)`.
 */
@Injectable()
export class FileInputValidator {
  constructor(private readonly config: AppConfig) {}

  validate(
    startNode: StartNodeLike | undefined,
    parameters: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<void> {
    return validateFileInputs(startNode, parameters, {
      sizeLimit: this.config.files.sizeLimit,
      signal,
    });
  }
}
