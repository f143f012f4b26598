import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<void>;

/**
 * Parts that matter for serving traffic (database, Redis, object storage) register a check
 * here; `/ready` runs them all. A check throws to report its part as down.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  async run(timeoutMs = 3000): Promise<Record<string, { status: 'up' | 'down'; error?: string }>> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          await withTimeout(check(), timeoutMs);
          return [name, { status: 'up' as const }] as const;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return [name, { status: 'down' as const, error: message }] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
