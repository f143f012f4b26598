import type { FlowEntity } from '../../../database/entities';
import type { RunSnapshot } from '../../../engine';
import type { RunView } from '../run-view';
import type { AppCredentials } from './credential-substitution';

/** One turn of the conversation handed to the engine (docs/api.md#chat-completions HistoryItem). */
export interface HistoryItem {
  role: 'user' | 'assistant';
  content: string;
  content_type?: 'text' | 'image' | 'audio' | null;
}

/** The body fields of a chat route that a run needs (the chat DTO has them all). */
export interface RunBody {
  flow_id: string;
  uid: string;
  chat_id: string;
  parameters: Record<string, unknown>;
  history: HistoryItem[];
  stream: boolean;
  /** the requested version label, `""` for the latest */
  version: string;
}

/** The flow a run executes. */
export interface RunFlow {
  /** the flow row whose protocol runs (its id and update time key the engine cache) */
  row: FlowEntity;
  /** the stored protocol (`{…, data: {nodes, edges}}`): `release_data` or `data` of the row */
  protocol: unknown;
  /** set for released runs outside dev/test (docs/api.md#chat-completions step 5) */
  credentials?: AppCredentials;
}

/**
 * A run as every route hands it to the run feature: built once (from a chat body, or from a
 * paused run's checkpoint) once the pre-stream checks passed, and read as is by the event
 * registry, the runner and the response writer.
 */
export interface RunRequest {
  /** the view of the answer, which is also the run's mode */
  view: RunView;
  flow: RunFlow;
  flowId: string;
  appId: string;
  uid: string;
  chatId: string;
  /** the requested version label, `""` for the latest */
  version: string;
  parameters: Record<string, unknown>;
  history: HistoryItem[];
  /** the body's `stream` flag: frame by frame, or one aggregated frame */
  stream: boolean;
  /** the calling app is under the platform audit policy (docs/api.md#audit-policy): no pause */
  refuseInterrupt?: boolean;
  /** flow ids of the calling runs of a remote `flow::` node (docs/nodes.md#flow) */
  callChain?: readonly string[];
  /** continue a paused run from its snapshot (a resume after its instance was gone) */
  resumeFrom?: RunSnapshot;
}

/** What is minted for each run of a request: never part of the request itself. */
export interface RunTicket {
  eventId: string;
  /** the sid of the request that started the run (kept in its record) */
  sid?: string;
  signal: AbortSignal;
  /** receives the snapshot of a paused run */
  onPause?: (snapshot: RunSnapshot) => void;
}
