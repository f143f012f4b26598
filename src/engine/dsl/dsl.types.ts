// The parsed, validated shape of a flow DSL (docs/engine.md#the-dsl). Raw JSON is turned into these
// by parse-dsl.ts; everything here is read-only after the build.

export { VALUE_TYPES, type JsonSchema, type ValueType } from '../values/value-types';
import type { JsonSchema, ValueType } from '../values/value-types';

export type InputValue =
  | { readonly kind: 'ref'; readonly nodeId: string; readonly path: string }
  | { readonly kind: 'literal'; readonly value: unknown };

export interface NodeInput {
  readonly id?: string;
  readonly name: string;
  readonly type: ValueType;
  readonly schema: JsonSchema;
  readonly value: InputValue;
}

export interface NodeOutput {
  readonly name: string;
  readonly required: boolean;
  readonly schema: JsonSchema;
}

/** Effective error handling of one node (docs/engine.md#failure-handling). */
export interface RetryPolicy {
  /** true only when shouldRetry is on AND the node type is in an error-handling group */
  readonly enabled: boolean;
  readonly group: 'stream' | 'non-stream' | null;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly strategy: 0 | 1 | 2;
  /** fallback outputs for strategy 1 (given or derived, docs/engine.md#fallback-outputs) */
  readonly customOutput: Readonly<Record<string, unknown>>;
}

/** One node as written in the DSL, after the structural parse (before executor compile). */
export interface NodeDefinition {
  readonly id: string;
  readonly type: string;
  readonly alias: string;
  readonly nodeType: string;
  readonly inputs: readonly NodeInput[];
  readonly outputs: readonly NodeOutput[];
  readonly nodeParam: Readonly<Record<string, unknown>>;
  /** the raw retryConfig object (camelCase or snake_case keys), `{}` when absent */
  readonly retryConfig: Readonly<Record<string, unknown>>;
}

export interface EdgeDefinition {
  readonly source: string;
  readonly target: string;
  /** normalised handle: `intent_chain|` prefix stripped, `""` when absent */
  readonly handle: string;
}

export interface FlowDefinition {
  readonly nodes: readonly NodeDefinition[];
  readonly edges: readonly EdgeDefinition[];
}
