import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { ChatCaller } from '../chat/chat-caller.decorator';
import { ChatRequestDto } from '../chat/dto/chat-request.dto';
import { RunRequests } from '../run/runner/run-requests.service';
import { RunResponder } from '../run/runner/run-responder.service';

/**
 * The console's debug run (docs/api.md#debug-chat): the draft (`data`) of the flow — of the given
 * published version when one is named (licence checks apply), else of the row itself (no
 * licence or publish check) — in the debug view. Non-streaming aggregates like release (docs/decisions.md#q3).
 */
@Injectable()
export class DebugChatService {
  constructor(
    private readonly requests: RunRequests,
    private readonly responder: RunResponder,
  ) {}

  /** A debug run starts a call chain of its own: `caller.callChain` is not read. */
  async run(body: ChatRequestDto, caller: ChatCaller, res: ServerResponse): Promise<void> {
    const run = await this.requests.fromBody('debug', body, caller.alias);
    await this.responder.respond(run, caller.sid, res);
  }
}
