// Snowflake ids of the reference: (unix_ms << 22) | (worker_id << 12) | sequence.
// Values exceed 2^53, so they live as bigint inside and as decimal strings on the wire.

const WORKER_BITS = 10n;
const SEQUENCE_BITS = 12n;
const SEQUENCE_MASK = (1n << SEQUENCE_BITS) - 1n;

export class SnowflakeGenerator {
  private readonly workerId: bigint;
  private lastMs = -1n;
  private sequence = 0n;

  constructor(workerId = BigInt(Date.now() % 1024)) {
    this.workerId = workerId & ((1n << WORKER_BITS) - 1n);
  }

  next(): bigint {
    let now = BigInt(Date.now());
    if (now < this.lastMs) now = this.lastMs; // clock stepped back: keep ids monotonic
    if (now === this.lastMs) {
      this.sequence = (this.sequence + 1n) & SEQUENCE_MASK;
      if (this.sequence === 0n) now = this.lastMs + 1n; // sequence exhausted: borrow the next ms
    } else {
      this.sequence = 0n;
    }
    this.lastMs = now;
    return (
      (now << (WORKER_BITS + SEQUENCE_BITS)) | (this.workerId << SEQUENCE_BITS) | this.sequence
    );
  }

  nextString(): string {
    return this.next().toString();
  }
}

const shared = new SnowflakeGenerator();

/** A new snowflake id as a decimal string (process-wide generator). */
export function newSnowflakeId(): string {
  return shared.nextString();
}

/** True when `value` is a decimal integer string that fits a signed 64-bit column. */
export function isSnowflakeString(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{1,19}$/.test(value)) return false;
  return BigInt(value) <= 9223372036854775807n;
}
