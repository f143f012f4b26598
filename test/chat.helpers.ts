import { createParser } from 'eventsource-parser';
import type { TestApp } from './helpers/test-app';

// Support for the run-route e2e specs: DSL JSON written by hand exactly as the console sends it
// (docs/engine.md#the-dsl, docs/nodes.md#node-reference) and an SSE reader built on eventsource-parser.

export type Json = Record<string, unknown>;
export type ValueType = 'string' | 'boolean' | 'integer' | 'number' | 'array' | 'object';

export const ref = (nodeId: string, name: string) => ({ type: 'ref', content: { nodeId, name } });
export const lit = (content: unknown) => ({ type: 'literal', content });

export function input(name: string, type: ValueType, value: Json, id?: string): Json {
  return { ...(id ? { id } : {}), name, schema: { type, value } };
}

export function output(name: string, schema: Json | ValueType, required = false): Json {
  return { name, required, schema: typeof schema === 'string' ? { type: schema } : schema };
}

export function node(
  id: string,
  data: { inputs?: Json[]; outputs?: Json[]; nodeParam?: Json; retryConfig?: Json; alias?: string },
): Json {
  return {
    id,
    data: {
      nodeMeta: { nodeType: id.split(':')[0], aliasName: data.alias ?? id.split('::')[1] },
      inputs: data.inputs ?? [],
      outputs: data.outputs ?? [],
      nodeParam: data.nodeParam ?? {},
      ...(data.retryConfig ? { retryConfig: data.retryConfig } : {}),
    },
  };
}

export const startNode = (id: string, outputs: Json[]) => node(`node-start::${id}`, { outputs });

export function endNode(
  id: string,
  inputs: Json[],
  param: {
    outputMode: number;
    template?: string;
    reasoningTemplate?: string;
    streamOutput?: boolean;
  },
): Json {
  return node(`node-end::${id}`, { inputs, nodeParam: param });
}

export function messageNode(id: string, template: string, inputs: Json[], streamOutput = true) {
  return node(`message::${id}`, {
    inputs,
    outputs: [output('output_m', 'string')],
    nodeParam: { template, streamOutput },
  });
}

export function joinerNode(id: string, prompt: string, inputs: Json[], retryConfig?: Json) {
  return node(`text-joiner::${id}`, {
    inputs,
    outputs: [output('output', 'string')],
    nodeParam: { mode: 0, prompt },
    retryConfig,
  });
}

export function splitNode(id: string, separator: string, inputs: Json[]) {
  return node(`text-joiner::${id}`, {
    inputs,
    outputs: [output('output', { type: 'array', items: { type: 'string' } })],
    nodeParam: { mode: 1, separator },
  });
}

export interface CaseSpec {
  id: string;
  level: number;
  logicalOperator?: 'and' | 'or';
  conditions?: { leftVarIndex: string; rightVarIndex: string | null; compareOperator: string }[];
}

export function ifElseNode(id: string, inputs: Json[], cases: CaseSpec[]) {
  return node(`if-else::${id}`, {
    inputs,
    nodeParam: {
      cases: cases.map((c) => ({
        id: `branch_one_of::${c.id}`,
        level: c.level,
        logicalOperator: c.logicalOperator ?? 'and',
        conditions: c.conditions ?? [],
      })),
    },
  });
}

export interface Edge {
  sourceNodeId: string;
  targetNodeId: string;
  sourceHandle?: string;
}

export const edge = (sourceNodeId: string, targetNodeId: string, sourceHandle?: string): Edge =>
  sourceHandle ? { sourceNodeId, targetNodeId, sourceHandle } : { sourceNodeId, targetNodeId };

/** The protocol object stored by /protocol/add (`data.data` is what the engine builds). */
export function protocol(nodes: Json[], edges: Edge[], name = 'e2e flow'): Json {
  return { name, description: '', data: { nodes, edges } };
}

export interface RunResult {
  status: number;
  contentType: string;
  headers: Record<string, string>;
  raw: string;
  /** parsed SSE events, or the single JSON body */
  chunks: Json[];
}

/** Parses an SSE body strictly: every event must be one `data:` line of JSON. */
export function parseSse(raw: string): Json[] {
  const chunks: Json[] = [];
  const parser = createParser({
    onEvent: (event) => chunks.push(JSON.parse(event.data) as Json),
  });
  parser.feed(raw);
  return chunks;
}

export async function runChat(
  t: TestApp,
  path: string,
  alias: string | undefined,
  body: unknown,
): Promise<RunResult> {
  let req = t.http().post(path).set('Content-Type', 'application/json');
  if (alias !== undefined) req = req.set('X-Consumer-Username', alias);
  const res = await req
    .buffer(true)
    .parse((response, callback) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (piece: string) => (text += piece));
      response.on('end', () => callback(null, text));
    })
    .send(typeof body === 'string' ? body : JSON.stringify(body));
  const raw = res.body as string;
  const contentType = String(res.headers['content-type'] ?? '');
  const chunks = contentType.startsWith('text/event-stream')
    ? parseSse(raw)
    : [JSON.parse(raw) as Json];
  return { status: res.status, contentType, headers: res.headers, raw, chunks };
}

/** The concatenated answer text of a release stream. */
export function answerOf(chunks: Json[]): string {
  return chunks
    .map((c) => (c.choices as { delta: { content: string } }[])[0].delta.content)
    .join('');
}

/** The run's answer text, or its error (stream: the last frame; non-stream: the body). */
export function outcome(res: RunResult): { code: number; text: string; message: string } {
  const last = res.chunks[res.chunks.length - 1];
  const code = last.code as number;
  if (code !== 0) return { code, text: '', message: String(last.message) };
  return { code, text: answerOf(res.chunks), message: '' };
}

/** Node ids of the debug frames, in order, tagged by kind (start / process / end / error). */
export function nodeTrace(chunks: Json[]): string[] {
  return chunks.map((c) => {
    const step = c.workflow_step as { node?: { id: string; finish_reason?: string } } | undefined;
    const n = step?.node;
    if (!n) return `run-error:${c.code as number}`;
    const content = (c.choices as { delta: { content: string } }[])[0].delta.content;
    if (c.code !== 0) return `${n.id}:error`;
    if (n.id === 'flow_obj')
      return (c.choices as Json[])[0].finish_reason ? 'flow:end' : 'flow:start';
    if (n.finish_reason) return `${n.id}:end`;
    return content ? `${n.id}:process` : `${n.id}:start`;
  });
}

// ---- tenants, apps, flows, licences (through the service's own routes where they exist) ----

export interface World {
  tenant: string;
  caller: string;
}

/** A tenant app allowed to publish on every platform and an ordinary caller app. */
export async function createApps(t: TestApp, suffix: string): Promise<World> {
  // apps are provisioned by the management platform in production; tests insert the rows
  // through the service's own repository
  const { AppRepository } = await import('../src/database/repositories/app.repository');
  const apps = t.app.get(AppRepository);
  const tenant = `ten${suffix}`;
  const caller = `app${suffix}`;
  await apps.insert({
    aliasId: tenant,
    name: 'tenant',
    isTenant: 1,
    platReleaseAuth: 7,
    source: 1,
    actualSource: 1,
    apiKey: 'tenant-key',
    apiSecret: 'tenant-secret',
  });
  await apps.insert({
    aliasId: caller,
    name: 'caller',
    source: 1,
    actualSource: 1,
    apiKey: 'caller-key',
    apiSecret: 'caller-secret',
  });
  return { tenant, caller };
}

async function envelope(res: { body: Json }, what: string): Promise<Json> {
  if (res.body.code !== 0) throw new Error(`${what} failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST /protocol/add; returns the new flow id. */
export async function addFlow(t: TestApp, owner: string, proto: Json): Promise<string> {
  const res = await t
    .http()
    .post('/workflow/v1/protocol/add')
    .send({ name: proto.name, app_id: owner, data: proto });
  return ((await envelope(res, 'protocol/add')).data as { flow_id: string }).flow_id;
}

/** Publishes on Xingchen (op 1) and binds the caller app (licence). */
export async function publishAndBind(t: TestApp, w: World, flowId: string): Promise<void> {
  const publish = await t
    .http()
    .post('/v1/publish')
    .set('X-Consumer-Username', w.tenant)
    .send({ flow_id: flowId, release_status: 1, plat: 1 });
  await envelope(publish, 'publish');
  const auth = await t
    .http()
    .post('/v1/auth')
    .set('X-Consumer-Username', w.tenant)
    .send({ flow_id: flowId, app_id: w.caller });
  await envelope(auth, 'auth');
}

/** A flow stored, published and licensed to the caller; returns its id. */
export async function releasedFlow(t: TestApp, w: World, proto: Json): Promise<string> {
  const flowId = await addFlow(t, w.tenant, proto);
  await publishAndBind(t, w, flowId);
  return flowId;
}

export const CHAT = '/workflow/v1/chat/completions';
export const DEBUG_CHAT = '/workflow/v1/debug/chat/completions';
