import { Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { AppConfig } from '../../core/config/app-config';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { AppResolverService } from '../app/app-resolver.service';
import { underPlatformAudit } from '../app/audit-policy';
import { isUnpublished } from '../versioning/release-status';
import { PublishedFlowService } from '../versioning/published-flow.service';
import { ChatRequestDto } from './dto/chat-request.dto';
import { substitutesCredentials } from './run/credential-substitution';
import { RunResponder } from './run/run-responder.service';
import { chatRespondSpec } from './run/chat-respond-spec';
import { requireNumericFlowId } from '../flow/flow-id';

/**
 * The open (released) chat run of docs/api.md#chat-completions: pre-stream checks in the specified order
 * (each failure is a JSON error chunk), then the run streamed or aggregated in release view.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly config: AppConfig,
    private readonly published: PublishedFlowService,
    private readonly apps: AppResolverService,
    private readonly responder: RunResponder,
  ) {}

  async run(
    body: ChatRequestDto,
    alias: string,
    sid: string,
    res: ServerResponse,
    callChain: readonly string[] = [],
  ): Promise<void> {
    // the reference fails on int(flow_id) outside its domain errors: 20805 (docs/api.md#chat-completions)
    requireNumericFlowId(body.flow_id, ErrorCode.OPEN_API_ERROR);
    const row = await this.published.findPublished(body.flow_id, alias, body.version || undefined);
    const app = await this.apps.resolve(alias);
    if (isUnpublished(row.releaseStatus)) throw new AppException(ErrorCode.FLOW_NOT_PUBLISH_ERROR);
    const credentials = substitutesCredentials(this.config.service.runtimeEnv)
      ? { appId: alias, apiKey: app.apiKey, apiSecret: app.apiSecret }
      : undefined;
    await this.responder.respond(
      chatRespondSpec(
        body,
        alias,
        {
          mode: 'release',
          row,
          protocol: row.releaseData,
          credentials,
          audited: underPlatformAudit(app),
          callChain,
        },
        sid,
        res,
      ),
    );
  }
}
