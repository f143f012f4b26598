import type { Request } from 'express';
import { consumerOf } from './consumer.decorator';

/** Who calls a route that runs sandboxed code, as far as the server can tell. */
export interface SandboxCaller {
  /** the calling app (`X-Consumer-Username`, set by the gateway); `""` when absent */
  app: string;
  /** what the sandbox start limits count against: the app, else the client address */
  limitKey: string;
}

export function sandboxCallerOf(req: Request): SandboxCaller {
  const app = consumerOf(req) ?? '';
  return { app, limitKey: app ? `app:${app}` : `address:${req.ip ?? req.socket.remoteAddress}` };
}
