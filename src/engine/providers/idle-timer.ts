/**
 * Fires `onIdle` when `touch()` has not been called for `ms` milliseconds — the per-frame read
 * timeout of streaming model calls. `ms` undefined or ≤ 0 disables it.
 */
export class IdleTimer {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly ms: number | undefined,
    private readonly onIdle: () => void,
  ) {
    this.touch();
  }

  touch(): void {
    if (!this.ms || this.ms <= 0) return;
    if (this.timer) this.timer.refresh();
    else this.timer = setTimeout(this.onIdle, this.ms);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** "LLM response timeout (Ns)" — the detail of a frame-wait timeout (docs/nodes.md#spark-websocket, docs/nodes.md#openai-compatible). */
export function frameTimeoutDetail(ms: number): string {
  return `LLM response timeout (${ms / 1000}s)`;
}

/** The reason an aborted signal carries, as an Error (what a cancelled call rejects with). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason ?? 'aborted'));
}
