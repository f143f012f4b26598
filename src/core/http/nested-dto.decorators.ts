import { applyDecorators, type Type as Class } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

// Nested body parts of the request DTOs. Each object is also checked with IsObject:
// ValidateNested alone lets an array stand for an object (`"data": []` would validate as an
// empty list of DSLs) and lets scalars through a list.
// applyDecorators applies in list order, while stacked decorators apply bottom-up; the lists
// below keep the bottom-up order of the stacks they replace, since the order the constraints
// are registered in is the order of the 460 violations.

/** One object, validated as `dto`. */
export function NestedObject(dto: Class): PropertyDecorator {
  return applyDecorators(
    Type(() => dto),
    ValidateNested(),
    IsObject(),
  );
}

/** A list of objects, each validated as `dto`. */
export function NestedList(dto: Class): PropertyDecorator {
  return applyDecorators(
    Type(() => dto),
    ValidateNested({ each: true }),
    IsObject({ each: true }),
    IsArray(),
  );
}
