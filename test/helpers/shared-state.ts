import { createParser } from 'eventsource-parser';
import {
  addFlow,
  CHAT,
  createApps,
  DEBUG_CHAT,
  edge,
  endNode,
  input,
  Json,
  node,
  output,
  protocol,
  ref,
  releasedFlow,
  startNode,
  World,
} from '../chat.helpers';
import { multipart } from '../fixtures/upload-samples';
import { FreshAnswer, freshRequest } from './fresh-connection';
import { END, oneOptionQuestionFlow } from '../llm/llm-flows';
import { createTestApp, uniqueAlias } from './test-app';

// What several service processes must share (docs/deployment.md): a paused run, an uploaded
// file, node-variable values. Flows written once into the shared database, then driven over
// real HTTP against whichever process a test points at.

const S = 'node-start::s';

export interface SharedFlows {
  world: World;
  /** released: pauses at a question, answers "You chose Small" after option A */
  pause: string;
  /** debug flows: set a variable from the input / read it back; echo a PDF input's URL */
  setVariable: string;
  getVariable: string;
  fileEcho: string;
}

/** Migrates the shared database and stores the flows, through an app built in this process. */
export async function seedSharedFlows(env: Record<string, string>): Promise<SharedFlows> {
  const setup = await createTestApp(env);
  try {
    const world = await createApps(setup, uniqueAlias(''));
    const scope = uniqueAlias('scope');
    return {
      world,
      pause: await releasedFlow(setup, world, oneOptionQuestionFlow()),
      setVariable: await addFlow(setup, world.tenant, variableFlow('set', scope)),
      getVariable: await addFlow(setup, world.tenant, variableFlow('get', scope)),
      fileEcho: await addFlow(setup, world.tenant, fileEchoFlow()),
    };
  } finally {
    await setup.close();
  }
}

function variableFlow(method: 'set' | 'get', scope: string): Json {
  const id = `node-variable::${method}`;
  const variable =
    method === 'set'
      ? node(id, {
          inputs: [input('color', 'string', ref(S, 'AGENT_USER_INPUT'))],
          nodeParam: { method, flowId: scope },
        })
      : node(id, { outputs: [output('color', 'string')], nodeParam: { method, flowId: scope } });
  const template = method === 'set' ? 'saved' : '{{c}}';
  const inputs = method === 'set' ? [] : [input('c', 'string', ref(id, 'color'))];
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      variable,
      endNode('e', inputs, { outputMode: 1, template }),
    ],
    [edge(S, id), edge(id, END)],
  );
}

function fileEchoFlow(): Json {
  const doc = {
    name: 'doc',
    schema: { type: 'string' },
    fileType: 'file',
    allowedFileType: ['pdf'],
    required: true,
  };
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string'), doc]),
      endNode('e', [input('d', 'string', ref(S, 'doc'))], { outputMode: 1, template: '{{d}}' }),
    ],
    [edge(S, END)],
  );
}

export interface Answer {
  /** the X-Worker header: which cluster worker served the request */
  worker?: string;
  frames: Json[];
  /** the streamed text, or a non-stream answer's content */
  text: string;
}

async function post(base: string, path: string, body: Json, alias?: string): Promise<Answer> {
  const res = await freshRequest(`${base}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(alias ? { 'X-Consumer-Username': alias } : {}),
    },
    body: JSON.stringify(body),
  });
  const raw = res.body.toString('utf8');
  const frames: Json[] = [];
  if (String(res.headers['content-type']).startsWith('text/event-stream')) {
    createParser({ onEvent: (e) => frames.push(JSON.parse(e.data) as Json) }).feed(raw);
  } else frames.push(JSON.parse(raw) as Json);
  const text = frames
    .map((f) => (f.choices as { delta: { content?: string } }[] | undefined)?.[0]?.delta.content)
    .join('');
  return { worker: workerOf(res), frames, text };
}

/** The X-Worker header: the pid of the cluster worker that answered (absent without WORKERS). */
export function workerOf(res: FreshAnswer): string | undefined {
  const worker = res.headers['x-worker'];
  return typeof worker === 'string' ? worker : undefined;
}

/** Starts the pause flow; resolves with the event id of its interrupt. */
export async function pauseRun(base: string, flows: SharedFlows, tag: string) {
  const started = await post(
    base,
    CHAT,
    { flow_id: flows.pause, stream: true, parameters: { AGENT_USER_INPUT: tag } },
    flows.world.caller,
  );
  const last = started.frames[started.frames.length - 1];
  if (
    (last.choices as { finish_reason?: string }[] | undefined)?.[0]?.finish_reason !== 'interrupt'
  )
    throw new Error(`no pause: ${JSON.stringify(last)}`);
  return { eventId: (last.event_data as { event_id: string }).event_id, worker: started.worker };
}

export function resumeRun(base: string, eventId: string, content: string): Promise<Answer> {
  return post(base, '/workflow/v1/resume', { event_id: eventId, content });
}

/** Runs a debug flow (non-stream); its answer text. */
export function debugRun(base: string, flows: SharedFlows, flowId: string, parameters: Json) {
  return post(
    base,
    DEBUG_CHAT,
    { flow_id: flowId, parameters, uid: 'u1', chat_id: 'c1', stream: false },
    flows.world.caller,
  );
}

/** POST /upload_file; the URL the service answered. */
export async function uploadFile(base: string, name: string, content: Buffer) {
  const { body, contentType } = multipart([{ name: 'file', filename: name, content }]);
  const res = await freshRequest(`${base}/workflow/v1/upload_file`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, 'X-Consumer-Username': 'app1' },
    body,
  });
  const answer = JSON.parse(res.body.toString('utf8')) as { code: number; data?: { url: string } };
  if (answer.code !== 0 || !answer.data) throw new Error(`upload: ${JSON.stringify(answer)}`);
  return { url: answer.data.url, worker: workerOf(res) };
}
