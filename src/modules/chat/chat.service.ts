import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { RunRequests } from '../run/runner/run-requests.service';
import { RunResponder } from '../run/runner/run-responder.service';
import type { ChatCaller } from './chat-caller.decorator';
import { ChatRequestDto } from './dto/chat-request.dto';

/**
 * The open (released) chat run of docs/api.md#chat-completions: the run request (pre-stream
 * checks in the specified order, each failure a JSON error chunk), then the run streamed or
 * aggregated in release view.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly requests: RunRequests,
    private readonly responder: RunResponder,
  ) {}

  async run(body: ChatRequestDto, caller: ChatCaller, res: ServerResponse): Promise<void> {
    const run = await this.requests.fromBody('release', body, caller.alias, caller.callChain);
    await this.responder.respond(run, caller.sid, res);
  }
}
