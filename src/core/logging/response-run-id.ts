import type { ServerResponse } from 'node:http';

// The run a response streams (its event id, the id of its run record), kept on the response so
// the request's log line can name it next to the sid.

const RUN_ID = Symbol('run-id');

type WithRun = ServerResponse & { [RUN_ID]?: string };

export function noteRunId(res: ServerResponse, runId: string): void {
  (res as WithRun)[RUN_ID] = runId;
}

export function runIdOf(res: ServerResponse): string | undefined {
  return (res as WithRun)[RUN_ID];
}
