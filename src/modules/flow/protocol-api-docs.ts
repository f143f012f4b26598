import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { ErrorCodeEntry } from '../../core/errors/error-code';

// Swagger for the protocol routes: every answer is HTTP 200 with the envelope of docs/api.md#envelope,
// so the success body and each business error are documented as examples of that one response.

const SID = 'spf002a0001@hf1a20a155a2c0a0b782';

/** The success envelope (data omitted when empty) plus one example per error code. */
export function ApiEnvelopeResponses(data: unknown, errors: ErrorCodeEntry[]) {
  const success = data === undefined ? {} : { data };
  const examples: Record<string, { summary: string; value: unknown }> = {
    success: { summary: 'success', value: { code: 0, message: 'success', ...success, sid: SID } },
  };
  for (const error of errors) {
    examples[`code_${error.code}`] = {
      summary: `${error.code} ${error.message}`,
      value: { code: error.code, message: error.message, sid: SID },
    };
  }
  return applyDecorators(
    ApiOkResponse({
      description:
        'Always HTTP 200; `code` 0 on success, otherwise one of: ' +
        errors.map((e) => `${e.code} (${e.message})`).join(', '),
      examples,
    }),
  );
}

export const EXAMPLE_SID = SID;
