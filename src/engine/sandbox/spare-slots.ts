import type { SandboxSlot } from './sandbox-slot';

/**
 * Never-used sandboxes kept warm beside a pool (outside its size), so a run that needs a fresh
 * one — another tenant, a replaced sandbox — takes one that is ready instead of waiting for a
 * cold start. Best effort: a spare that fails to start is dropped.
 */
export class SpareSlots {
  private readonly spares: Array<{ slot: SandboxSlot; ready: boolean }> = [];

  constructor(
    private readonly count: number,
    private readonly create: () => SandboxSlot,
  ) {}

  get readyCount(): number {
    return this.spares.filter((spare) => spare.ready && spare.slot.alive).length;
  }

  /** A ready spare, taken out of the spares; undefined when none is ready. */
  take(): SandboxSlot | undefined {
    const index = this.spares.findIndex((spare) => spare.ready && spare.slot.alive);
    return index < 0 ? undefined : this.spares.splice(index, 1)[0].slot;
  }

  /** Drops dead spares and starts new ones up to the count. */
  topUp(): void {
    for (const spare of this.spares.filter(({ slot }) => !slot.alive)) {
      this.spares.splice(this.spares.indexOf(spare), 1);
    }
    while (this.spares.length < this.count) {
      let created: SandboxSlot;
      try {
        created = this.create();
      } catch {
        // the run that needs a fresh sandbox starts its own
        return;
      }
      const spare = { slot: created, ready: false };
      this.spares.push(spare);
      spare.slot.ready.then(
        () => (spare.ready = true),
        () => {
          const index = this.spares.indexOf(spare);
          if (index >= 0) this.spares.splice(index, 1);
        },
      );
    }
  }

  close(): void {
    for (const { slot } of this.spares.splice(0)) slot.kill();
  }
}
