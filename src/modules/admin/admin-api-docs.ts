import { ErrorCodeEntry } from '../../core/errors/error-code';
import { ADMIN_DISABLED, ADMIN_OPERATION_FAILED, ADMIN_UNAUTHORIZED } from './admin-errors';
import { ApiTag } from '../../core/http/openapi/api-tags';
import type { BindingDto } from './dto/binding.dto';

// Swagger pieces shared by the admin controllers (docs/api.md#admin-api).

/** The Swagger tag of every admin route. */
export const ADMIN_TAG = ApiTag.ADMIN;

/** Answers every admin route can give, whatever it does. */
export const ADMIN_AUTH_ERRORS: ErrorCodeEntry[] = [
  ADMIN_UNAUTHORIZED,
  ADMIN_DISABLED,
  ADMIN_OPERATION_FAILED,
];

/** How the admin codes map to HTTP statuses, with the route's own codes in front. */
export function adminNote(routeCodes = ''): string {
  return (
    `${routeCodes}401 (HTTP 401): missing/wrong bearer token; 403 (HTTP 403): ADMIN_TOKEN not ` +
    'configured; 460: invalid input; 20805: unexpected failure (no details); every other ' +
    'answer is HTTP 200.'
  );
}

/** A licence as both binding routes show it. */
export const EXAMPLE_BINDING: BindingDto = {
  license_id: '7381234567890124444',
  app_id: '7381234567890125555',
  alias_id: 'caller-app',
  app_name: 'Caller app',
  group_id: '7381234567890120000',
  flow_id: '7381234567890123456',
  flow_name: 'Greeting flow',
  status: 1,
  create_at: '2025-01-02T03:04:05.000Z',
};
