import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { genericBuildError } from '../../dsl/build-errors';
import type { NodeDefinition } from '../../dsl/dsl.types';
import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeRunContext } from '../../runtime/run-context';
import { zeroValue } from '../../values/values';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { CaseError, compare, COMPARE_OPERATORS, type CompareOperator } from './compare-operators';

// `if-else` (docs/nodes.md#if-else): cases in list order; level 999 selects at once; a case that
// throws counts as not matched; with no match the last evaluated case is returned.

const DEFAULT_LEVEL = 999;
const CASE_ID = /^branch_one_of::[0-9a-zA-Z-]+/;

interface Condition {
  readonly left: string | null;
  readonly right: string | null;
  readonly operator: CompareOperator;
}

interface Case {
  readonly id: string;
  readonly level: number;
  readonly and: boolean;
  readonly conditions: readonly Condition[];
}

interface IfElseParams {
  readonly cases: readonly Case[];
}

function fail(def: NodeDefinition, detail: string): Error {
  return genericBuildError(`Node ${def.id} nodeParam.cases${detail}`);
}

function compileCases(def: NodeDefinition): IfElseParams {
  const raw = def.nodeParam.cases;
  if (!Array.isArray(raw) || raw.length < 2) throw fail(def, ': at least 2 cases required');
  const inputNameById = new Map(def.inputs.filter((i) => i.id).map((i) => [i.id, i.name]));
  const cases = raw.map((item: unknown, i): Case => {
    const c = (item ?? {}) as Record<string, unknown>;
    if (typeof c.id !== 'string' || !CASE_ID.test(c.id)) throw fail(def, `.${i}.id: invalid`);
    if (typeof c.level !== 'number' || !Number.isInteger(c.level) || c.level < 1) {
      throw fail(def, `.${i}.level: must be an integer >= 1`);
    }
    if (c.logicalOperator !== 'and' && c.logicalOperator !== 'or') {
      throw fail(def, `.${i}.logicalOperator: must be and/or`);
    }
    const conditions = Array.isArray(c.conditions) ? c.conditions : [];
    return {
      id: c.id,
      level: c.level,
      and: c.logicalOperator === 'and',
      conditions: conditions.map((raw: unknown, j): Condition => {
        const cond = (raw ?? {}) as Record<string, unknown>;
        const operator = cond.compareOperator as CompareOperator;
        if (!COMPARE_OPERATORS.includes(operator)) {
          throw fail(def, `.${i}.conditions.${j}.compareOperator: unknown operator`);
        }
        const name = (key: unknown) =>
          typeof key === 'string' ? (inputNameById.get(key) ?? null) : null;
        return { left: name(cond.leftVarIndex), right: name(cond.rightVarIndex), operator };
      }),
    };
  });
  return { cases };
}

interface Evaluated {
  actual_value: unknown;
  expected_value: unknown;
  comparison_operator: CompareOperator;
}

function evaluateCase(
  node: BuiltNode<IfElseParams>,
  ctx: NodeRunContext,
  c: Case,
  record: Evaluated[],
): boolean {
  for (const cond of c.conditions) {
    if (cond.left === null) throw new CaseError('left operand is not an input of the node');
    const actual = ctx.input(cond.left);
    const leftType = node.inputByName.get(cond.left)?.type;
    const isInteger = leftType === 'integer' || (leftType !== 'number' && Number.isInteger(actual));
    const emptyCheck = cond.operator === 'empty' || cond.operator === 'not_empty';
    const expected = cond.right === null ? null : ctx.input(cond.right);
    record.push({
      actual_value: actual,
      expected_value: emptyCheck ? zeroValue(leftType) : expected,
      comparison_operator: cond.operator,
    });
    const matched = compare(cond.operator, actual, expected, isInteger);
    if (c.and && !matched) return false;
    if (!c.and && matched) return true;
  }
  return c.and;
}

export const ifElseExecutor: NodeExecutor<IfElseParams> = {
  compile: compileCases,
  execute: async (node, ctx) => {
    const inputs: Record<string, Evaluated[]> = {};
    let last: { id: string; matched: boolean; error?: unknown } | undefined;
    for (const c of node.params.cases) {
      if (c.level === DEFAULT_LEVEL) {
        return { inputs, outputs: { res: true }, branchHandle: c.id };
      }
      const record: Evaluated[] = [];
      inputs[c.id] = record;
      try {
        last = { id: c.id, matched: evaluateCase(node, ctx, c, record) };
      } catch (error) {
        last = { id: c.id, matched: false, error };
      }
      if (last.matched) return { inputs, outputs: { res: true }, branchHandle: c.id };
    }
    if (!last || last.error !== undefined) {
      throw new AppException(ErrorCode.IF_ELSE_NODE_EXECUTION_ERROR);
    }
    return { inputs, outputs: { res: false }, branchHandle: last.id };
  },
  traits: { branching: () => true, barrier: true },
};

registerExecutor('if-else', ifElseExecutor);
