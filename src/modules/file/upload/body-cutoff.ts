import type { IncomingMessage, ServerResponse } from 'node:http';

export interface CutoffBudget {
  /** bytes still read (and dropped) after the response, so a client near its end can finish */
  drainBytes: number;
  /** how long after the response a slow client may keep sending */
  graceMs: number;
}

export const DEFAULT_CUTOFF: CutoffBudget = { drainBytes: 1024 * 1024, graceMs: 2000 };

/**
 * An upload was refused before its body was fully read. The refusal is answered at once; the
 * rest of the body is dropped without storing it, for at most `drainBytes` / `graceMs` after the
 * response went out, then the connection is closed. A client that has almost finished sending
 * keeps a usable connection; one pushing a huge body is cut off instead of being read to the end.
 */
export function cutOffRemainingBody(
  req: IncomingMessage,
  res: ServerResponse,
  budget: CutoffBudget = DEFAULT_CUTOFF,
): void {
  if (req.complete || req.destroyed) return;
  let dropped = 0;
  let responded = res.writableFinished;
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
    if (!responded) return;
    dropped += chunk.length;
    if (dropped > budget.drainBytes) hangUp();
  };

  req.on('data', onData);
  req.once('end', stop);
  req.once('close', stop);
  req.resume();
  const afterResponse = () => {
    responded = true;
    if (req.complete) return stop();
    timer = setTimeout(hangUp, budget.graceMs);
    timer.unref();
  };
  if (responded) afterResponse();
  else res.once('finish', afterResponse);
}
