import { randomFillSync } from 'node:crypto';

// Random bytes for ids minted on every request (event ids, record ids): one CSPRNG fill per
// 4 KiB instead of one per id (per-id fills showed in profiles). The bytes are the same
// cryptographic randomness; each is handed out once.

const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `count` (≤ 4096) fresh random bytes copied into `target` at `at`. */
export function fillRandom(target: Buffer, at: number, count: number): void {
  if (offset + count > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  pool.copy(target, at, offset, offset + count);
  offset += count;
}

/** `count` fresh random bytes as lowercase hex. */
export function randomHex(count: number): string {
  if (offset + count > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + count);
  offset += count;
  return hex;
}
