import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { consumerOf } from '../../core/http/consumer.decorator';
import { sidOf } from '../../core/http/request-sid';
import { CALL_CHAIN_HEADER, parseCallChain } from '../run/subflow/remote-subflows';

/** Who asks for a chat run (release or debug), read from the request rather than the body. */
export interface ChatCaller {
  /** the calling app's alias id (`X-Consumer-Username`, `""` when empty) */
  readonly alias: string;
  /** the sid minted for this request */
  readonly sid: string;
  /** flow ids of the runs calling this one (remote sub-flows, `X-Workflow-Call-Chain`) */
  readonly callChain: readonly string[];
}

export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): ChatCaller => {
  const req = ctx.switchToHttp().getRequest<Request>();
  return {
    alias: consumerOf(req) ?? '',
    sid: sidOf(req),
    callChain: parseCallChain(req.headers[CALL_CHAIN_HEADER]),
  };
});
