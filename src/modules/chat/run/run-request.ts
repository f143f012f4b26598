import type { FlowEntity } from '../../../database/entities';
import type { RunSnapshot } from '../../../engine';
import type { HistoryItemDto } from '../dto/chat-request.dto';
import type { RunMode } from './engine-cache';
import type { AppCredentials } from './credential-substitution';

/** Everything a chat route hands to the runner once its pre-stream checks passed. */
export interface RunRequest {
  mode: RunMode;
  /** the flow row whose protocol runs (its id and update time key the engine cache) */
  row: FlowEntity;
  /** the stored protocol (`{…, data: {nodes, edges}}`): `release_data` or `data` of the row */
  protocol: unknown;
  /** set for released runs outside dev/test (docs/api.md#chat-completions step 5) */
  credentials?: AppCredentials;
  flowId: string;
  appId: string;
  uid: string;
  chatId: string;
  eventId: string;
  parameters: Record<string, unknown>;
  history: HistoryItemDto[];
  signal: AbortSignal;
  /** flow ids of the calling runs of a remote `flow::` node (docs/nodes.md#flow) */
  callChain?: readonly string[];
  /** continue a paused run from its snapshot (a resume after its instance was gone) */
  resumeFrom?: RunSnapshot;
}
