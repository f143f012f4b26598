import type { BuiltNode, BuiltWorkflow } from '../dsl/built-workflow';
import { walkOutputPath } from './ref-path';
import { detached, initialValue } from '../values/values';

// The per-run variable pool (docs/engine.md#variable-pool, docs/engine.md#resolving-inputs). Values live per node as immutable
// records (replaced on write), so a fork for an iteration element is a cheap shallow copy and
// the whole pool serialises to JSON for snapshots.

export const IMPLICIT_OUTPUTS = ['errorCode', 'errorMessage'] as const;

export type PoolValues = Record<string, Record<string, unknown>>;

export class VariablePool {
  private constructor(
    private readonly workflow: BuiltWorkflow,
    private readonly values: Map<number, Readonly<Record<string, unknown>>>,
  ) {}

  static create(workflow: BuiltWorkflow, restored?: PoolValues): VariablePool {
    const pool = new VariablePool(workflow, new Map());
    if (restored) {
      for (const [id, record] of Object.entries(restored)) {
        const node = workflow.byId.get(id);
        if (node) pool.values.set(node.index, { ...record });
      }
    }
    return pool;
  }

  /** A copy for an iteration element: later writes on either side stay on that side. */
  fork(): VariablePool {
    return new VariablePool(this.workflow, new Map(this.values));
  }

  /** Has the node produced a result (its implicit outputs exist)? */
  hasResult(node: number): boolean {
    return this.values.get(node)?.errorCode !== undefined;
  }

  /** One output's current value (its initial value until written); undefined if undeclared. */
  output(node: BuiltNode, name: string): unknown {
    const record = this.values.get(node.index);
    if (record && name in record) return record[name];
    const declared = node.outputByName.get(name);
    return declared ? detached(initialValue(declared.schema)) : undefined;
  }

  /** Resolve `path` (dotted) in a producer's outputs (docs/engine.md#resolving-inputs). */
  resolve(producer: BuiltNode, path: string): unknown {
    const dot = path.indexOf('.');
    const name = dot < 0 ? path : path.slice(0, dot);
    const declared = producer.outputByName.get(name);
    const record = this.values.get(producer.index);
    if (!declared) {
      if (record && name in record) return record[name];
      throw new Error(
        `get variable error: Node ${producer.id} output ${name} does not exist or has no value yet`,
      );
    }
    const value = record && name in record ? record[name] : detached(initialValue(declared.schema));
    if (dot < 0) return value;
    return walkOutputPath(producer.id, declared.schema, value, path.slice(dot + 1).split('.'));
  }

  /** Write declared outputs present in `outputs` plus the implicit error outputs (docs/engine.md#writing-outputs). */
  write(node: BuiltNode, outputs: Record<string, unknown>, errorCode = 0, errorMessage = ''): void {
    const record: Record<string, unknown> = { ...this.values.get(node.index) };
    for (const output of node.outputs) {
      if (output.name in outputs) record[output.name] = outputs[output.name];
    }
    record.errorCode = errorCode;
    record.errorMessage = errorMessage;
    this.values.set(node.index, record);
  }

  /** Store values without the implicit outputs (start parameters, iteration elements). */
  writeParameters(node: BuiltNode, values: Record<string, unknown>): void {
    this.values.set(node.index, { ...this.values.get(node.index), ...values });
  }

  toJSON(): PoolValues {
    const out: PoolValues = {};
    for (const [index, record] of this.values) out[this.workflow.nodes[index].id] = { ...record };
    return out;
  }
}
