import type { OpenAPIObject, OperationObject, ParameterObject } from '@nestjs/swagger';
import { HELLO_JOINER_NODE, HELLO_PROTOCOL } from './demo-flow';

/**
 * The demo the request examples name (the README walkthrough's app). `demo-app` is a tenant
 * app allowed to publish on platform 1; `DEMO_FLOW_ID` is the "hello" flow, published as v1.0
 * and bound to `demo-app`; `DEMO_SCRATCH_FLOW_ID` is a second flow for the delete example.
 * Flow ids are made by the service: put in the ids `protocol/add` answered you.
 */
export const DEMO_APP = 'demo-app';
export const DEMO_FLOW_ID = '7400000000000000001';
export const DEMO_SCRATCH_FLOW_ID = '7400000000000000002';
/** an app made only to be deleted by the admin delete example */
export const DEMO_RETIRED_APP = 'retired-app';
/** the app the admin create example adds */
export const DEMO_NEW_APP = 'new-app';
/** a comparison label of the demo flow, saved then deleted by the examples */
export const DEMO_COMPARE_VERSION = 'compare-1';
/** an event id no run is paused under: the resume examples show the 23900 answer */
export const UNKNOWN_EVENT_ID = '0b1f6c2e4a7d40c8b3e5f1a2c4d6e8f0';

export const DEMO_NOTE =
  'The request examples name the demo app `demo-app` (a tenant app allowed to publish on ' +
  "platform 1, created by the README walkthrough's first call) and the demo flow " +
  `\`${DEMO_FLOW_ID}\`: the "hello" flow of the README walkthrough, published as v1.0 and ` +
  'bound to `demo-app`. Flow ids are made by the service: use the one `protocol/add` answered. ' +
  `\`protocol/delete\` names a second flow (\`${DEMO_SCRATCH_FLOW_ID}\`) and the admin delete ` +
  `the app \`${DEMO_RETIRED_APP}\`, so trying them leaves the demo in place; the resume ` +
  'examples name no paused run and show its answer, 23900 (a real `event_id` comes from an ' +
  'interrupt frame).';

export interface RequestExample {
  /** path, query and header parameters by name */
  params?: Record<string, string>;
  body?: unknown;
}

const CONSUMER = { 'X-Consumer-Username': DEMO_APP };
const HELLO_RUN = {
  flow_id: DEMO_FLOW_ID,
  uid: 'u1',
  parameters: { AGENT_USER_INPUT: 'Ada' },
  stream: false,
};
const RESUME = { event_id: UNKNOWN_EVENT_ID, event_type: 'resume', content: 'A' };

/** Request examples by canonical operation, `METHOD path` as in the document. */
export const REQUEST_EXAMPLES: Record<string, RequestExample> = {
  'GET /health': {},
  'GET /ready': {},
  'POST /workflow/v1/upload_file': { params: CONSUMER },
  'POST /workflow/v1/upload_files': { params: CONSUMER },
  'GET /workflow/v1/files/{name}': { params: { name: '3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e.pdf' } },
  'POST /workflow/v1/admin/apps': {
    body: {
      alias_id: DEMO_NEW_APP,
      name: 'New app',
      is_tenant: 0,
      source: 1,
      actual_source: 1,
      api_key: 'new-app-key',
      api_secret: 'new-app-secret',
    },
  },
  'GET /workflow/v1/admin/apps': { params: { offset: '0', limit: '20' } },
  'GET /workflow/v1/admin/apps/{alias_id}': { params: { alias_id: DEMO_APP } },
  'PATCH /workflow/v1/admin/apps/{alias_id}': {
    params: { alias_id: DEMO_APP },
    body: { name: 'Demo app' },
  },
  'DELETE /workflow/v1/admin/apps/{alias_id}': {
    params: { alias_id: DEMO_RETIRED_APP, force: 'false' },
  },
  'GET /workflow/v1/admin/flows': { params: { app_id: DEMO_APP, page: '1', page_size: '20' } },
  'GET /workflow/v1/admin/flows/{flow_id}/versions': { params: { flow_id: DEMO_FLOW_ID } },
  'GET /workflow/v1/admin/flows/{flow_id}/bindings': { params: { flow_id: DEMO_FLOW_ID } },
  'GET /workflow/v1/admin/apps/{alias_id}/bindings': { params: { alias_id: DEMO_APP } },
  'POST /workflow/v1/admin/apps/{alias_id}/secret': { params: { alias_id: DEMO_APP } },
  'GET /workflow/v1/admin/runs': {
    params: {
      app_id: DEMO_APP,
      flow_id: DEMO_FLOW_ID,
      status: 'failed',
      page: '1',
      page_size: '20',
    },
  },
  'GET /workflow/v1/admin/runs/{run_id}': { params: { run_id: UNKNOWN_EVENT_ID } },
  'POST /v1/publish': {
    params: CONSUMER,
    body: { flow_id: DEMO_FLOW_ID, release_status: 1, plat: 1, version: 'v1.0' },
  },
  'POST /v1/auth': { params: CONSUMER, body: { flow_id: DEMO_FLOW_ID, app_id: DEMO_APP } },
  'POST /workflow/v1/protocol/add': {
    body: { name: 'hello', app_id: DEMO_APP, data: { name: 'hello', data: HELLO_PROTOCOL } },
  },
  'POST /workflow/v1/protocol/get': { body: { flow_id: DEMO_FLOW_ID } },
  'POST /workflow/v1/protocol/update/{flow_id}': {
    params: { flow_id: DEMO_FLOW_ID },
    body: {
      name: 'hello',
      description: 'greets the user',
      data: { name: 'hello', data: HELLO_PROTOCOL },
    },
  },
  'POST /workflow/v1/protocol/delete': {
    body: { flow_id: DEMO_SCRATCH_FLOW_ID, app_id: DEMO_APP },
  },
  'POST /workflow/v1/protocol/build/{flow_id}': { params: { flow_id: DEMO_FLOW_ID } },
  'GET /workflow/v1/get_flow_info/{flow_id}': { params: { flow_id: DEMO_FLOW_ID, ...CONSUMER } },
  'POST /workflow/v1/protocolcompare/save': {
    body: {
      flow_id: DEMO_FLOW_ID,
      data: { name: 'hello', data: HELLO_PROTOCOL },
      version: DEMO_COMPARE_VERSION,
    },
  },
  'DELETE /workflow/v1/protocol/compare/delete': {
    body: { flow_id: DEMO_FLOW_ID, version: DEMO_COMPARE_VERSION },
  },
  'POST /workflow/v1/code/run': {
    body: {
      code: 'def main(name):\n    return {"greeting": "Hello, " + name + "!"}',
      variables: [{ name: 'name', content: 'Ada' }],
      app_id: DEMO_APP,
      uid: 'u1',
      code_language: 'python',
    },
  },
  'POST /workflow/v1/chat/completions': { params: CONSUMER, body: HELLO_RUN },
  'POST /workflow/v1/debug/chat/completions': { params: CONSUMER, body: HELLO_RUN },
  'POST /workflow/v1/resume': { body: RESUME },
  'POST /workflow/v1/debug/resume': { body: RESUME },
  'POST /workflow/v1/node/debug': {
    body: { id: DEMO_FLOW_ID, name: 'hello', data: { nodes: [HELLO_JOINER_NODE], edges: [] } },
  },
};

/** Puts each operation's request example on its parameters and JSON body. */
export function applyRequestExamples(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(item)) {
      const example = REQUEST_EXAMPLES[`${method.toUpperCase()} ${path}`];
      if (!example) continue;
      const operation = value as OperationObject;
      for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
        const param = example.params?.[parameter.name];
        if (param !== undefined) parameter.example = param;
      }
      const json = (operation.requestBody as { content?: Record<string, { example?: unknown }> })
        ?.content?.['application/json'];
      if (json && example.body !== undefined) json.example = example.body;
    }
  }
}
