// The run feature's public surface for the route modules (chat, debug, node debug).
export { ApiRunResponses, type RunResponseDocs } from './api-docs/run-api-docs';
export {
  AGGREGATED_CHUNK_EXAMPLE,
  DEBUG_FIRST_CHUNK_EXAMPLE,
  DEBUG_STREAM_EXAMPLE,
  RELEASE_STREAM_EXAMPLE,
} from './api-docs/run-api-examples';
export { RunEngineServices } from './runner/engine-services.provider';
export type { HistoryItem, RunBody, RunRequest } from './runner/run-request';
export { RunRequests } from './runner/run-requests.service';
export { RunResponder } from './runner/run-responder.service';
export { WorkflowRunnerModule } from './runner/workflow-runner.module';
export type { RunView } from './run-view';
