// Storage of node-variable values (docs/nodes.md#node-variable): one hash per scope key, JSON values,
// no expiry. The service provides it (memory, or Redis when configured: src/database/repositories).

export interface VariableStore {
  /** store every entry of `values` under `scope` */
  set(scope: string, values: Record<string, unknown>): Promise<void>;
  /** the stored values of `names` (absent names are left out) */
  get(scope: string, names: readonly string[]): Promise<Record<string, unknown>>;
}

declare module '../../runtime/engine-services' {
  interface EngineServices {
    variables: VariableStore;
  }
}
