import { ValidationError } from 'class-validator';
import { AppException } from './app.exception';
import { ErrorCode } from './error-code';

// Code 460 messages (docs/api.md#validation-errors-460): one line per violation,
// `Parameter: <loc joined by "->">, Input: <input>, Error: <description> (<type>)`.

export interface ParamViolation {
  loc: (string | number)[];
  input: unknown;
  description: string;
  type: string;
}

export function paramErrorLine(v: ParamViolation): string {
  return `Parameter: ${v.loc.join('->')}, Input: ${formatInput(v.input)}, Error: ${v.description} (${v.type})`;
}

export function paramException(violations: ParamViolation[]): AppException {
  return AppException.raw(ErrorCode.PARAM_ERROR.code, violations.map(paramErrorLine).join('\n'));
}

function formatInput(input: unknown): string {
  if (input === undefined || input === null) return 'None';
  const text = typeof input === 'string' ? input : safeJson(input);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// class-validator constraint name → pydantic-style error type and wording
const CONSTRAINTS: Record<string, { type: string; text?: string }> = {
  isDefined: { type: 'missing', text: 'Field required' },
  isNotEmpty: { type: 'missing', text: 'Field required' },
  isString: { type: 'string_type', text: 'Input should be a valid string' },
  isInt: { type: 'int_type', text: 'Input should be a valid integer' },
  isNumber: { type: 'float_type', text: 'Input should be a valid number' },
  isBoolean: { type: 'bool_type', text: 'Input should be a valid boolean' },
  isObject: { type: 'dict_type', text: 'Input should be a valid dictionary' },
  isArray: { type: 'list_type', text: 'Input should be a valid list' },
  isIn: { type: 'literal_error' },
  isEnum: { type: 'enum' },
  maxLength: { type: 'string_too_long' },
  minLength: { type: 'string_too_short' },
  arrayMinSize: { type: 'too_short' },
  arrayMaxSize: { type: 'too_long' },
  min: { type: 'greater_than_equal' },
  max: { type: 'less_than_equal' },
  matches: { type: 'string_pattern_mismatch' },
  nestedValidation: { type: 'model_type', text: 'Input should be a valid dictionary or object' },
  whitelistValidation: { type: 'extra_forbidden' },
};

/** Flattens class-validator errors (nested included) into 460 violations under `body`. */
export function violationsFromValidation(
  errors: ValidationError[],
  parent: (string | number)[] = ['body'],
): ParamViolation[] {
  const out: ParamViolation[] = [];
  for (const error of errors) {
    const loc = [...parent, error.property];
    const constraints = error.constraints ?? {};
    // report a missing value once, not once per constraint
    const names =
      error.value === undefined && constraints.isDefined ? ['isDefined'] : Object.keys(constraints);
    for (const name of names) {
      const known = CONSTRAINTS[name] ?? { type: 'value_error' };
      out.push({
        loc,
        input: error.value,
        description: known.text ?? capitalize(constraints[name]),
        type: known.type,
      });
    }
    if (error.children?.length) out.push(...violationsFromValidation(error.children, loc));
  }
  return out;
}

function capitalize(text: string | undefined): string {
  if (!text) return 'Invalid value';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
