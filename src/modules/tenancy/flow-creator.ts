import type { Request } from 'express';

const CREATOR = Symbol('flowCreator');

/** The app id recorded as a new flow's creator (set by the access guard in strict mode). */
export function setFlowCreator(req: Request, appId: string): void {
  (req as unknown as Record<symbol, string>)[CREATOR] = appId;
}

/** Undefined in open mode: the row keeps the column default, exactly as before. */
export function flowCreatorOf(req: Request): string | undefined {
  return (req as unknown as Record<symbol, string | undefined>)[CREATOR];
}
