import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { paramException, violationsFromValidation } from '../errors/param-error';
import { fastBodyOf } from './fast-body';

/**
 * The validation pipe, with the fast path of a body DTO that has one (`@FastBody`): a body it
 * recognises skips class-transformer and class-validator; any other goes through them.
 */
class FastPathValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const fast = metadata.type === 'body' ? fastBodyOf(metadata.metatype, value) : undefined;
    return fast ? Promise.resolve(fast) : super.transform(value, metadata);
  }
}

/**
 * DTO validation: unknown fields are stripped (never rejected, docs/api.md#conventions), violations become
 * one 460 with a `Parameter: …` line each.
 */
export function createValidationPipe(): ValidationPipe {
  return new FastPathValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: false,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => paramException(violationsFromValidation(errors)),
  });
}
