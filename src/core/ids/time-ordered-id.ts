import { fillRandom } from './random-pool';

// Row ids that only need to be unique, for tables written in bulk (run record node rows): a
// UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds, then random bits — so a new row's
// key lands at the end of the primary-key index. Random UUIDs (v4) spread every insert over
// the whole index, which made each insert several times dearer on SQLite.

const bytes = Buffer.alloc(16);

/** A new UUIDv7 as its 36-character text. */
export function newTimeOrderedId(now = Date.now()): string {
  bytes.writeUIntBE(now, 0, 6);
  fillRandom(bytes, 6, 10);
  bytes[6] = 0x70 | (bytes[6] & 0x0f); // version 7
  bytes[8] = 0x80 | (bytes[8] & 0x3f); // variant 10
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
