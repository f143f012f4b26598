import { encodeVariable, VariableRepository } from './variable.repository';

/** The in-process backend (default without REDIS_URL): one map of JSON texts per scope. */
export class MemoryVariableRepository extends VariableRepository {
  private readonly scopes = new Map<string, Map<string, string>>();

  set(scope: string, values: Record<string, unknown>): Promise<void> {
    const stored = this.scopes.get(scope) ?? new Map<string, string>();
    for (const [name, value] of Object.entries(values)) stored.set(name, encodeVariable(value));
    this.scopes.set(scope, stored);
    return Promise.resolve();
  }

  get(scope: string, names: readonly string[]): Promise<Record<string, unknown>> {
    const stored = this.scopes.get(scope);
    const found: Record<string, unknown> = {};
    for (const name of names) {
      const text = stored?.get(name);
      if (text !== undefined) found[name] = JSON.parse(text);
    }
    return Promise.resolve(found);
  }
}
