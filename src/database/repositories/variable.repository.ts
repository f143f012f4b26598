// Node-variable values (docs/nodes.md#node-variable): one hash per scope key, each value stored as
// JSON, no expiry. Two backends: in-process memory and Redis (shared by every instance). It has
// the shape of the engine's `VariableStore` port, so the runs get it as `services.variables`.

export abstract class VariableRepository {
  /** Stores every entry of `values` under `scope`. */
  abstract set(scope: string, values: Record<string, unknown>): Promise<void>;
  /** The stored values of `names` under `scope`; absent names are left out. */
  abstract get(scope: string, names: readonly string[]): Promise<Record<string, unknown>>;
}

/** How a value is kept: its JSON text (`undefined` as `null`). */
export const encodeVariable = (value: unknown): string => JSON.stringify(value ?? null);
