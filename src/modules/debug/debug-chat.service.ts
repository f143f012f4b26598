import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
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

  async run(body: ChatRequestDto, alias: string, sid: string, res: ServerResponse): Promise<void> {
    const run = await this.requests.fromBody('debug', body, alias);
    await this.responder.respond(run, sid, res);
  }
}
