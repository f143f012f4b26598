import type { ServerResponse } from 'node:http';
import type { FlowEntity } from '../../../database/entities';
import type { ChatRequestDto } from '../dto/chat-request.dto';
import type { AppCredentials } from './credential-substitution';
import type { RunMode } from './engine-cache';
import type { RespondSpec } from './run-responder.service';

export interface ChatRunChoice {
  mode: RunMode;
  row: FlowEntity;
  /** `release_data` for released runs, `data` (the draft) for debug runs */
  protocol: unknown;
  credentials?: AppCredentials;
  /** the calling app is under the platform audit policy (docs/api.md#audit-policy) */
  audited?: boolean;
  /** flow ids of the calling runs of a remote `flow::` node (docs/nodes.md#flow) */
  callChain?: readonly string[];
}

/**
 * The respond spec both chat routes build from their request once the pre-stream checks passed.
 * Release runs keep the body's `stream` in the event record; debug runs are registered as
 * streaming whatever the body says (docs/api.md#debug-chat step 4). The view follows the mode.
 */
export function chatRespondSpec(
  body: ChatRequestDto,
  alias: string,
  choice: ChatRunChoice,
  sid: string,
  res: ServerResponse,
): RespondSpec {
  const { mode, audited, ...run } = choice;
  return {
    run: {
      ...run,
      mode,
      flowId: body.flow_id,
      appId: alias,
      uid: body.uid,
      chatId: body.chat_id,
      parameters: body.parameters,
      history: body.history,
    },
    event: {
      flowId: body.flow_id,
      appId: alias,
      uid: body.uid,
      chatId: body.chat_id,
      isStream: mode === 'debug' ? true : body.stream,
      restore: { mode, version: body.version, history: body.history },
    },
    view: mode,
    stream: body.stream,
    sid,
    res,
    refuseInterrupt: audited,
  };
}
