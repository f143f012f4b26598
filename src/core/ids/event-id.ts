import { randomHex } from './random-pool';

// Run event ids name a paused run to `/resume`: whoever knows one may answer it, so they must
// not be guessable (unlike the time-ordered snowflakes of other ids). 128 random bits as 32
// lowercase hex digits: safe in Redis keys, URLs and the varchar(64) event_id columns.

export function newEventId(): string {
  return randomHex(16);
}
