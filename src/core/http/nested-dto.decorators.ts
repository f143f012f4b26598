import { applyDecorators, type Type as Class } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

// Nested body parts of the request DTOs. Each object is also checked with IsObject:
// ValidateNested alone lets an array stand for an object (`"data": []` would validate as an
// empty list of DSLs) and lets scalars through a list.

/** One object, validated as `dto`. */
export function NestedObject(dto: Class): PropertyDecorator {
  return applyDecorators(
    IsObject(),
    ValidateNested(),
    Type(() => dto),
  );
}

/** A list of objects, each validated as `dto`. */
export function NestedList(dto: Class): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(() => dto),
  );
}
