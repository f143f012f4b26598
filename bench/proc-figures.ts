import { readdirSync, readFileSync } from 'node:fs';

// What a process holds, read from /proc (Linux): resident memory and open file descriptors
// (sockets, pipes, files — the handles a leak would pile up), sampled while a load runs.

/** resident set of a process in MB; undefined when it is gone or there is no /proc */
export function residentMb(pid: number | undefined): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
  } catch {
    return undefined;
  }
}

/** open file descriptors of a process; undefined when it is gone or there is no /proc */
export function openDescriptors(pid: number | undefined): number | undefined {
  try {
    return readdirSync(`/proc/${pid}/fd`).length;
  } catch {
    return undefined;
  }
}

/** `[seconds since start, value]` pairs of one figure */
export type Series = [number, number][];

/** a reading: undefined when there is none (the process is gone); async readings (a scrape)
 * are filed under the moment they were asked for */
type Reading = number | undefined;

/**
 * Samples `read()` every `everyMs` from now until `stop()`; readings that are undefined (the
 * process is gone) are skipped. The timer is unref'd: it never keeps the bench alive.
 */
export class Sampler {
  readonly series: Series = [];
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly read: () => Reading | Promise<Reading>,
    everyMs: number,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs).unref();
  }

  /** stops sampling after a last reading; answers the series (an async last reading may land
   * in it later) */
  stop(): Series {
    clearInterval(this.timer);
    this.sample();
    return this.series;
  }

  max(): number {
    return Math.max(...this.series.map(([, value]) => value));
  }

  private sample(): void {
    const at = (performance.now() - this.started) / 1000;
    const value = this.read();
    if (value instanceof Promise)
      void value.then(
        (later) => this.keep(at, later),
        () => undefined,
      );
    else this.keep(at, value);
  }

  private keep(at: number, value: Reading): void {
    if (value !== undefined && Number.isFinite(value)) this.series.push([at, value]);
  }
}
