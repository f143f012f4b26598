import { ValidationPipe } from '@nestjs/common';
import { paramException, violationsFromValidation } from '../errors/param-error';

/**
 * DTO validation: unknown fields are stripped (never rejected, docs/api.md#conventions), violations become
 * one 460 with a `Parameter: …` line each.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: false,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => paramException(violationsFromValidation(errors)),
  });
}
