import type { VariableStore } from '../nodes/node-variable/variable-store';

/** An in-memory node-variable store for engine specs (the service's backends live in src/database). */
export class MemoryVariables implements VariableStore {
  private readonly scopes = new Map<string, Map<string, string>>();

  set(scope: string, values: Record<string, unknown>): Promise<void> {
    const stored = this.scopes.get(scope) ?? new Map<string, string>();
    for (const [name, value] of Object.entries(values))
      stored.set(name, JSON.stringify(value ?? null));
    this.scopes.set(scope, stored);
    return Promise.resolve();
  }

  get(scope: string, names: readonly string[]): Promise<Record<string, unknown>> {
    const found: Record<string, unknown> = {};
    for (const name of names) {
      const text = this.scopes.get(scope)?.get(name);
      if (text !== undefined) found[name] = JSON.parse(text);
    }
    return Promise.resolve(found);
  }
}
