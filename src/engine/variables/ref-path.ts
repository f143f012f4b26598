import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import type { JsonSchema } from '../dsl/dsl.types';
import { isPlainObject, zeroValue } from '../values/values';

// Schema-driven output path resolution for ref inputs (docs/engine.md#resolving-inputs):
// `obj.list.n` walks declared properties and projects over arrays of objects.

export function walkOutputPath(
  producerId: string,
  schema: JsonSchema,
  value: unknown,
  segments: readonly string[],
): unknown {
  let current = value;
  let currentSchema = schema;
  for (const seg of segments) {
    if (currentSchema.type === 'object') {
      const prop = currentSchema.properties?.[seg];
      if (!prop) throw missingProperty(producerId, seg);
      current = isPlainObject(current) && seg in current ? current[seg] : zeroValue(prop.type);
      currentSchema = prop;
    } else if (currentSchema.type === 'array' && currentSchema.items?.type === 'object') {
      const prop = currentSchema.items.properties?.[seg];
      if (!prop) throw missingProperty(producerId, seg);
      const list = Array.isArray(current) ? current : [];
      current = list.map((item) =>
        isPlainObject(item) && seg in item ? item[seg] : zeroValue(prop.type),
      );
      currentSchema = { type: 'array', items: prop };
    } else {
      return current;
    }
  }
  return current;
}

function missingProperty(producerId: string, seg: string): AppException {
  return new AppException(
    ErrorCode.VARIABLE_POOL_GET_PARAMETER_ERROR,
    `Node ${producerId} does not have value ${seg}`,
  );
}
