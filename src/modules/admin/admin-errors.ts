import { ErrorCode, ErrorCodeEntry } from '../../core/errors/error-code';

// Answers of the admin API that the reference has no code for. They use the HTTP status as
// code and as HTTP status, so an operator's tooling sees them without reading the body.

/** ADMIN_TOKEN is not configured: the admin API is switched off (HTTP 403). */
export const ADMIN_DISABLED: ErrorCodeEntry = { code: 403, message: 'Admin API disabled' };

/** Missing or wrong `Authorization: Bearer <ADMIN_TOKEN>` (HTTP 401). */
export const ADMIN_UNAUTHORIZED: ErrorCodeEntry = { code: 401, message: 'Unauthorized' };

/** An app with this alias id exists already (HTTP 409). */
export const APP_ALIAS_TAKEN: ErrorCodeEntry = { code: 409, message: 'Application already exists' };

/**
 * Fallback for unexpected failures of an admin route (HTTP 200, like every other route). Not an
 * HTTP-status code like the ones above: a 500 reads as a crash to clients. It is the service's
 * default fallback code (20805, used by every route without one of its own), with admin wording;
 * bad input never gets here (460).
 */
export const ADMIN_OPERATION_FAILED: ErrorCodeEntry = {
  code: ErrorCode.OPEN_API_ERROR.code,
  message: 'Admin operation failed',
};

/** No run record has this id (never recorded, or swept after RUN_RETENTION_DAYS) (HTTP 404). */
export const RUN_NOT_FOUND: ErrorCodeEntry = { code: 404, message: 'Run not found' };
