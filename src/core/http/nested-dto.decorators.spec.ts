import { plainToInstance } from 'class-transformer';
import { IsString, validateSync } from 'class-validator';
import { violationsFromValidation } from '../errors/param-error';
import { NestedList, NestedObject } from './nested-dto.decorators';

class Item {
  @IsString()
  name!: string;
}

class Body {
  @NestedObject(Item)
  one!: Item;

  @NestedList(Item)
  many!: Item[];
}

const violations = (body: unknown) =>
  violationsFromValidation(validateSync(plainToInstance(Body, body) as object)).map((v) => [
    v.loc.join('.'),
    v.type,
  ]);

describe('nested DTO decorators', () => {
  it('refuses a scalar where an object or a list stands, in the 460 order of the former stacks', () => {
    expect(violations({ one: 'x', many: 'x' })).toEqual([
      ['body.one', 'dict_type'],
      ['body.one', 'model_type'],
      ['body.many', 'dict_type'],
      ['body.many', 'list_type'],
      ['body.many', 'model_type'],
    ]);
  });

  it('refuses an array standing for an object and a list of non-objects', () => {
    expect(violations({ one: [], many: [1] })).toEqual([
      ['body.one', 'dict_type'],
      ['body.many', 'dict_type'],
      ['body.many.0', 'model_type'],
    ]);
  });

  it('validates each nested object as its class', () => {
    expect(violations({ one: { name: 1 }, many: [{ name: 'a' }, {}] })).toEqual([
      ['body.one.name', 'string_type'],
      ['body.many.1.name', 'string_type'],
    ]);
  });
});
