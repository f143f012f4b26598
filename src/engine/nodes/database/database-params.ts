import type { NodeDefinition } from '../../dsl/dsl.types';
import { genericBuildError } from '../../dsl/build-errors';
import { optionalInt, optionalString, requiredInt, requiredString } from '../param-readers';

// nodeParam of `database` (docs/nodes.md#database), checked at build time. Blank `sql` /
// `tableName` and an unknown mode are run-time errors (21002), as in the reference.

export const SELECT_CONDITIONS = [
  '=',
  '!=',
  'like',
  'not like',
  'in',
  'not in',
  'null',
  'not null',
  '<',
  '<=',
  '>',
  '>=',
] as const;
export type SelectCondition = (typeof SELECT_CONDITIONS)[number];

export interface Condition {
  readonly fieldName: string;
  /** name of the node input holding the comparison value */
  readonly varIndex: string;
  readonly selectCondition: SelectCondition;
  readonly fieldType: string;
}

export interface WhereCase {
  readonly logicalOperator: 'and' | 'or';
  readonly conditions: readonly Condition[];
}

export interface DatabaseParams {
  readonly appId: string;
  readonly apiKey: string;
  readonly uid: string;
  readonly dbId: number;
  readonly mode: number;
  readonly tableName: string;
  readonly spaceId: string;
  readonly sql: string;
  /** only `cases[0]` is used */
  readonly where?: WhereCase;
  readonly assignmentList: readonly string[];
  readonly orderData: readonly { fieldName: string; order: 'asc' | 'desc' }[];
  readonly limit: number;
}

type Obj = Record<string, unknown>;

function list(p: Obj, id: string, key: string): unknown[] {
  const value = p[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw genericBuildError(`Node ${id} nodeParam.${key}: must be a list`);
  return value;
}

function object(value: unknown, id: string, key: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw genericBuildError(`Node ${id} nodeParam.${key}: must be an object`);
  }
  return value as Obj;
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  id: string,
  key: string,
): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  throw genericBuildError(`Node ${id} nodeParam.${key}: must be one of ${allowed.join(', ')}`);
}

/** A string field of a nested object, named `where.key` in the error. */
function field(o: Obj, id: string, where: string, key: string): string {
  return requiredString({ [`${where}.${key}`]: o[key] }, id, `${where}.${key}`);
}

function condition(raw: unknown, id: string): Condition {
  const c = object(raw, id, 'cases.conditions');
  const fieldName = field(c, id, 'cases.conditions', 'fieldName');
  const varIndex = field(c, id, 'cases.conditions', 'varIndex');
  if (!fieldName || !varIndex) {
    throw genericBuildError(
      `Node ${id} nodeParam.cases.conditions: fieldName and varIndex are required`,
    );
  }
  return {
    fieldName,
    varIndex,
    selectCondition: oneOf(
      c.selectCondition,
      SELECT_CONDITIONS,
      id,
      'cases.conditions.selectCondition',
    ),
    fieldType: optionalString(c, id, 'fieldType'),
  };
}

function whereCase(raw: unknown, id: string): WhereCase {
  const c = object(raw, id, 'cases');
  return {
    logicalOperator: oneOf(
      c.logicalOperator ?? 'and',
      ['and', 'or'] as const,
      id,
      'cases.logicalOperator',
    ),
    conditions: list(c, id, 'conditions').map((item) => condition(item, id)),
  };
}

/** dbId / spaceId: the console sends numbers as strings. */
function intLike(p: Obj, id: string, key: string): number {
  const value = p[key];
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return requiredInt(p, id, key);
}

export function compileDatabaseParams(def: NodeDefinition): DatabaseParams {
  const p = def.nodeParam as Obj;
  const id = def.id;
  const spaceId = p.spaceId;
  if (
    spaceId !== undefined &&
    spaceId !== null &&
    typeof spaceId !== 'string' &&
    typeof spaceId !== 'number'
  ) {
    throw genericBuildError(`Node ${id} nodeParam.spaceId: must be a string or an integer`);
  }
  const limit = optionalInt(p, id, 'limit', 0);
  if (limit < 0) throw genericBuildError(`Node ${id} nodeParam.limit: must be >= 0`);
  const cases = list(p, id, 'cases').map((item) => whereCase(item, id));
  return {
    appId: requiredString(p, id, 'appId'),
    apiKey: requiredString(p, id, 'apiKey'),
    uid: requiredString(p, id, 'uid'),
    dbId: intLike(p, id, 'dbId'),
    mode: requiredInt(p, id, 'mode'),
    tableName: optionalString(p, id, 'tableName'),
    spaceId: spaceId === undefined || spaceId === null || spaceId === '' ? '' : String(spaceId),
    sql: optionalString(p, id, 'sql'),
    where: cases[0],
    assignmentList: list(p, id, 'assignmentList').map((item) => {
      if (typeof item !== 'string')
        throw genericBuildError(`Node ${id} nodeParam.assignmentList: must hold strings`);
      return item;
    }),
    orderData: list(p, id, 'orderData').map((raw) => {
      const o = object(raw, id, 'orderData');
      return {
        fieldName: field(o, id, 'orderData', 'fieldName'),
        order: oneOf(
          String(o.order ?? 'asc').toLowerCase(),
          ['asc', 'desc'] as const,
          id,
          'orderData.order',
        ),
      };
    }),
    limit,
  };
}
