import { RunRecorder } from '../../src/modules/run/records/run-recorder.service';
import type { Json } from '../chat.helpers';
import type { TestApp } from './test-app';

// The admin runs API as the run-record specs read it (docs/api.md#run-records): its answers'
// shapes and a client that writes the pending records first.

export interface RecordedError {
  code: number;
  message: string;
}
export interface RecordedRun {
  run_id: string;
  parent_run_id: string | null;
  sid: string | null;
  flow_id: string;
  app_id: string;
  uid: string;
  mode: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  error: RecordedError | null;
}
export interface RecordedNode {
  node_id: string;
  node_type: string;
  alias_name: string;
  inputs: Json;
  outputs: Json;
  finished_at: string | null;
  duration_ms: number | null;
  error: RecordedError | null;
  retries: number;
  retry_error: RecordedError | null;
}
export interface RecordedPage {
  items: RecordedRun[];
  total: number;
  page: number;
  page_size: number;
}

/** `list` and `trace` write the pending records, then expect code 0; `get` answers as is. */
export function runRecordsApi(t: TestApp, token: string) {
  const get = (path: string, query: Record<string, string> = {}) =>
    t
      .http()
      .get(`/workflow/v1/admin/runs${path}`)
      .query(query)
      .set('Authorization', `Bearer ${token}`);
  const read = async (path: string, query: Record<string, string> = {}): Promise<unknown> => {
    await t.app.get(RunRecorder).flush();
    const res = await get(path, query);
    expect(res.body.code).toBe(0);
    return res.body.data;
  };
  return {
    get,
    list: async (query: Record<string, string>) => (await read('', query)) as RecordedPage,
    trace: async (runId: string) =>
      (await read(`/${runId}`)) as RecordedRun & { nodes: RecordedNode[] },
  };
}
