import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CutoffBudget {
  /** bytes still read (and dropped) after the answer, so the client can take it in */
  drainBytes: number;
  /** how long after the answer a client may keep sending */
  graceMs: number;
}

// Measured on loopback: socket buffers already hold 8–12 MiB of body when the answer goes out.
// A smaller byte budget resets the connection before the client has read the answer.
export const DEFAULT_CUTOFF: CutoffBudget = { drainBytes: 16 * 1024 * 1024, graceMs: 1000 };

/**
 * An upload was refused before its body was fully read. The refusal is answered at once; then,
 * if the client is still sending, this side of the connection is half-closed (FIN after the
 * answer) while the incoming bytes are read and dropped for at most `drainBytes` / `graceMs`,
 * and only then is the socket destroyed. Closing outright would make the kernel reset the
 * connection over the unread body, and many clients lose the answer to that reset while they
 * are still writing; reading to the end would let a client push an unbounded body.
 */
export function cutOffRemainingBody(
  req: IncomingMessage,
  res: ServerResponse,
  budget: CutoffBudget = DEFAULT_CUTOFF,
): void {
  if (req.complete || req.destroyed) return;
  let dropped = 0;
  let answered = false;
  let timer: NodeJS.Timeout | undefined;

  const stop = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', stop);
    req.off('close', stop);
  };
  const hangUp = () => {
    stop();
    if (!req.complete) req.socket?.destroy();
  };
  const onData = (chunk: Buffer) => {
    if (!answered) return;
    dropped += chunk.length;
    if (dropped > budget.drainBytes) hangUp();
  };
  const afterAnswer = () => {
    answered = true;
    if (req.complete) return stop();
    req.socket?.end(); // no further answers on this connection; the client sees the end of it
    timer = setTimeout(hangUp, budget.graceMs);
    timer.unref();
  };

  req.on('data', onData);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
  if (res.writableFinished) afterAnswer();
  else res.once('finish', afterAnswer);
}
