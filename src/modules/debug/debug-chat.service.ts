import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import type { FlowEntity } from '../../database/entities';
import { AppResolverService } from '../app/app-resolver.service';
import { underPlatformAudit } from '../app/audit-policy';
import { ChatRequestDto } from '../chat/dto/chat-request.dto';
import { RunResponder } from '../chat/run/run-responder.service';
import { FlowRepository } from '../../database/repositories/flow.repository';
import { PublishedFlowService } from '../versioning/published-flow.service';
import { requireNumericFlowId } from '../flow/flow-id';
import { chatRespondSpec } from '../chat/run/chat-respond-spec';

/**
 * The console's debug run (docs/api.md#debug-chat): the draft (`data`) of the flow — of the given
 * published version when one is named (licence checks apply), else of the row itself (no
 * licence or publish check) — in the debug view. Non-streaming aggregates like release (docs/decisions.md#q3).
 */
@Injectable()
export class DebugChatService {
  constructor(
    private readonly flows: FlowRepository,
    private readonly published: PublishedFlowService,
    private readonly apps: AppResolverService,
    private readonly responder: RunResponder,
  ) {}

  async run(body: ChatRequestDto, alias: string, sid: string, res: ServerResponse): Promise<void> {
    const row = await this.findRow(body, alias);
    const app = await this.apps.resolve(alias); // unknown app → 20001/20002
    const choice = { mode: 'debug' as const, row, protocol: row.data };
    await this.responder.respond(
      chatRespondSpec(body, alias, { ...choice, audited: underPlatformAudit(app) }, sid, res),
    );
  }

  private async findRow(body: ChatRequestDto, alias: string): Promise<FlowEntity> {
    requireNumericFlowId(body.flow_id, ErrorCode.OPEN_API_ERROR);
    if (body.version) return this.published.findPublished(body.flow_id, alias, body.version);
    const row = await this.flows.findById(body.flow_id);
    if (!row) throw new AppException(ErrorCode.FLOW_NOT_FOUND_ERROR);
    return row;
  }
}
