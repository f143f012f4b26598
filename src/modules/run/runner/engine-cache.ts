import type { RunView } from '../run-view';

// In-memory cache of compiled workflows (docs/engine.md#compiled-flows, fixing defect 10: the reference's
// cache never hits). A compiled workflow is immutable — every run makes its own state — so one
// entry serves all runs of a flow row until the row changes. An entry is valid only for the
// row's `update_at` it was built from; publish/update also drop entries explicitly.

export interface EngineKey {
  mode: RunView;
  flowId: string;
  /** variant of the DSL (e.g. the caller app when credentials are substituted), or '' */
  variant: string;
}

interface Entry<B> {
  updatedAtMs: number;
  built: B;
}

export class EngineCache<B> {
  private readonly entries = new Map<string, Entry<B>>();
  private hitCount = 0;
  private buildCount = 0;

  constructor(private readonly maxEntries = 2_000) {}

  /** The compiled workflow for this key and row version; built (and kept) on a miss. */
  get(key: EngineKey, updatedAtMs: number, build: () => B): B {
    const id = keyOf(key);
    const entry = this.entries.get(id);
    if (entry && entry.updatedAtMs === updatedAtMs) {
      this.hitCount += 1;
      return entry.built;
    }
    const built = build(); // a build error propagates and nothing is cached
    this.buildCount += 1;
    this.entries.delete(id);
    this.entries.set(id, { updatedAtMs, built });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return built;
  }

  /** Drops every compiled variant of a flow row (protocol update, publish). */
  invalidateFlow(flowId: string): void {
    const marker = `\u0000${flowId}\u0000`;
    for (const id of this.entries.keys()) if (id.includes(marker)) this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  stats(): { hits: number; builds: number; size: number } {
    return { hits: this.hitCount, builds: this.buildCount, size: this.entries.size };
  }
}

function keyOf(key: EngineKey): string {
  return `${key.mode}\u0000${key.flowId}\u0000${key.variant}`;
}
