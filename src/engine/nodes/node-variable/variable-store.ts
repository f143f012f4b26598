import type Redis from 'ioredis';

// Storage of node-variable values (docs/nodes.md#node-variable): one hash per scope key, JSON values,
// no expiry. Two adapters; the service picks one (Redis when configured).

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

export class MemoryVariableStore implements VariableStore {
  private readonly hashes = new Map<string, Map<string, string>>();

  async set(scope: string, values: Record<string, unknown>): Promise<void> {
    let hash = this.hashes.get(scope);
    if (!hash) {
      hash = new Map();
      this.hashes.set(scope, hash);
    }
    for (const [name, value] of Object.entries(values))
      hash.set(name, JSON.stringify(value ?? null));
  }

  async get(scope: string, names: readonly string[]): Promise<Record<string, unknown>> {
    const hash = this.hashes.get(scope);
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const stored = hash?.get(name);
      if (stored !== undefined) out[name] = JSON.parse(stored);
    }
    return out;
  }
}

export class RedisVariableStore implements VariableStore {
  constructor(private readonly redis: Redis) {}

  async set(scope: string, values: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(values);
    if (entries.length === 0) return;
    await this.redis.hset(
      scope,
      Object.fromEntries(entries.map(([k, v]) => [k, JSON.stringify(v ?? null)])),
    );
  }

  async get(scope: string, names: readonly string[]): Promise<Record<string, unknown>> {
    if (names.length === 0) return {};
    const stored = await this.redis.hmget(scope, ...names);
    const out: Record<string, unknown> = {};
    names.forEach((name, i) => {
      const text = stored[i];
      if (text === null || text === undefined) return;
      try {
        out[name] = JSON.parse(text);
      } catch {
        out[name] = text; // a value written by another engine: expose it as text
      }
    });
    return out;
  }
}
