/**
 * Runs an idempotent set-up step once; concurrent callers share the attempt and a failed
 * attempt is forgotten so the next call retries (a store that was down at boot recovers).
 */
export class MemoisedPreparation {
  private attempt?: Promise<void>;

  constructor(private readonly step: () => Promise<void>) {}

  run(): Promise<void> {
    this.attempt ??= this.step().catch((error: unknown) => {
      this.attempt = undefined;
      throw error;
    });
    return this.attempt;
  }
}
