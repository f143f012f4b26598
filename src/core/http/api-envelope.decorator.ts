import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiOkResponse } from '@nestjs/swagger';
import { ErrorCodeEntry } from '../errors/error-code';

const SID = 'spf002a0001@hf1a20a155a2c0a0b782';

export interface ApiEnvelopeOptions {
  /** example of `data` on success; omit when the route answers without data */
  data?: unknown;
  /** every code the route can answer, in the order the checks run */
  errors: ErrorCodeEntry[];
  /** extra words about the errors (e.g. how details are composed) */
  note?: string;
}

/**
 * Documents a route answering the standard envelope (docs/api.md#envelope): one HTTP 200 response
 * with the success example and one example per error code, and the codes as `x-error-codes`.
 */
export function ApiEnvelope({ data, errors, note }: ApiEnvelopeOptions) {
  const success = {
    code: 0,
    message: 'success',
    ...(data === undefined ? {} : { data }),
    sid: SID,
  };
  const examples: Record<string, { summary: string; value: unknown }> = {
    success: { summary: 'success', value: success },
  };
  for (const e of errors) {
    examples[`error ${e.code}`] = {
      summary: `${e.code} ${e.message}`,
      value: { code: e.code, message: e.message, sid: SID },
    };
  }
  const list = errors.map((e) => `${e.code} ${e.message}`).join('; ');
  return applyDecorators(
    ApiOkResponse({
      description:
        'Envelope `{code, message, data?, sid}`; business errors also answer HTTP 200. ' +
        `Error codes: ${list}.${note ? ` ${note}` : ''}`,
      examples,
    }),
    ApiExtension(
      'x-error-codes',
      errors.map((e) => ({ code: e.code, message: e.message })),
    ),
  );
}
