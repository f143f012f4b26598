import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  edge,
  endNode,
  input,
  messageNode,
  node,
  output,
  parseSse,
  protocol,
  ref,
  startNode,
} from './chat.helpers';
import { freePort, listening, startLoggedService } from './helpers/logged-service';

// What an operator reads: the service spawned as `npm start` runs it, its stdout/stderr kept.
// Start-up says where it listens in one line (no route-mapping noise); each request's line
// carries the business code of its answer; a start-up that cannot work fails as one line
// naming the variable, exit code non-zero.

type Line = Record<string, unknown>;

const S = 'node-start::s';
const ADMIN_TOKEN = 'operator-logs-admin-token-0123456789';
const OWNER = 'opstenant';

function sqliteUrl(): string {
  const dir = mkdtempSync(join(process.env.E2E_TMP_DIR ?? tmpdir(), 'logs-'));
  return `sqlite:${join(dir, 'workflow.sqlite')}`;
}

function parseAll(lines: string[]): Line[] {
  return lines.filter(Boolean).map((line) => JSON.parse(line) as Line);
}

/** The request line of the answer whose sid is given (it is written once the response ends). */
async function requestLine(
  service: ReturnType<typeof startLoggedService>,
  sid: string,
): Promise<Line> {
  return JSON.parse(await service.waitFor(new RegExp(`"sid":"${sid}".*"msg":"request`))) as Line;
}

describe('operator logs: a running service (LOG_FORMAT=json)', () => {
  let service: ReturnType<typeof startLoggedService>;
  let base = '';
  let port = 0;

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startLoggedService({
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      PORT: String(port),
      DATABASE_URL: sqliteUrl(),
      ADMIN_TOKEN,
    });
    await service.waitFor(/listening on/);
    // the flows' owner, registered as an operator would (the admin API)
    const app = await fetch(`${base}/workflow/v1/admin/apps`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ alias_id: OWNER, name: 'ops', is_tenant: 1 }),
    });
    expect(((await app.json()) as { code: number }).code).toBe(0);
  }, 90_000);

  afterAll(() => service.stop());

  it('says where it listens in one line, without route-mapping lines at info', () => {
    const lines = parseAll(service.stdout);
    const listeningLines = lines.filter((line) => String(line.msg).startsWith('listening on'));
    expect(listeningLines).toEqual([
      expect.objectContaining({
        level: 30,
        msg: `listening on http://127.0.0.1:${port} (database sqlite, storage local, registry memory)`,
      }),
    ]);
    expect(
      lines.filter((line) => /Mapped \{|dependencies initialized/.test(String(line.msg))),
    ).toEqual([]);
  });

  it('logs a business error answered with 200 at warn, with its code and sid', async () => {
    const res = await fetch(`${base}/workflow/v1/chat/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ flow_id: '1', parameters: {} }),
    });
    const body = (await res.json()) as { code: number; id: string };
    expect(res.status).toBe(200);
    expect(body.code).toBe(460);
    expect(await requestLine(service, body.id)).toMatchObject({
      level: 40,
      msg: 'request failed',
      code: 460,
      sid: body.id,
      res: { status: 200 },
    });
  });

  it('logs an envelope error (unknown flow) with its code, a success with code 0', async () => {
    const miss = await fetch(`${base}/workflow/v1/protocol/get`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ flow_id: '1000000000000000001' }),
    });
    const missBody = (await miss.json()) as { code: number; sid: string };
    expect(missBody.code).not.toBe(0);
    expect(await requestLine(service, missBody.sid)).toMatchObject({
      level: 40,
      code: missBody.code,
    });

    const added = await addDraft(base);
    expect(await requestLine(service, added.sid)).toMatchObject({
      level: 30,
      msg: 'request completed',
      code: 0,
    });
  });

  it('logs a streamed run once its stream ended, with the final code', async () => {
    const { flowId } = await addDraft(base);
    const res = await fetch(`${base}/workflow/v1/debug/chat/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Consumer-Username': OWNER },
      body: JSON.stringify({ flow_id: flowId, parameters: { AGENT_USER_INPUT: 'yo' } }),
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const chunks = parseSse(await res.text());
    const last = chunks[chunks.length - 1] as { code: number; id: string };
    const line = await requestLine(service, last.id);
    expect(line).toMatchObject({
      level: 30,
      code: last.code,
      route: '/workflow/v1/debug/chat/completions',
    });
    // the line names the run; its record (written in the background) has the request's sid
    expect(line.run_id).toMatch(/^[0-9a-f]{32}$/);
    let record: { sid?: string } | undefined;
    for (let i = 0; i < 50 && !record; i += 1) {
      const runs = await fetch(`${base}/workflow/v1/admin/runs/${String(line.run_id)}`, {
        headers: { Authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      if (runs.status === 200) record = ((await runs.json()) as { data: { sid: string } }).data;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(record?.sid).toBe(last.id);
  });

  it('logs a streamed run that failed mid-stream with the failing code, not the first', async () => {
    const { flowId } = await addDraft(base, failingFlow());
    const res = await fetch(`${base}/workflow/v1/debug/chat/completions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Consumer-Username': OWNER },
      body: JSON.stringify({ flow_id: flowId, parameters: { AGENT_USER_INPUT: 'yo' } }),
    });
    const chunks = parseSse(await res.text()) as { code: number; id: string }[];
    const last = chunks[chunks.length - 1];
    expect(chunks[0].code).toBe(0);
    expect(last.code).not.toBe(0);
    expect(await requestLine(service, last.id)).toMatchObject({
      level: 40,
      msg: 'request failed',
      code: last.code,
    });
  });
});

function greetingFlow(): Record<string, unknown> {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      messageNode('m', 'Hi {{q}}.', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
      endNode('e', [input('a', 'string', ref(S, 'AGENT_USER_INPUT'))], { outputMode: 0 }),
    ],
    [edge(S, 'message::m'), edge('message::m', 'node-end::e')],
  );
}

/** start → message (streams) → a JavaScript code node that throws → end. */
function failingFlow(): Record<string, unknown> {
  return protocol(
    [
      startNode('s', [output('AGENT_USER_INPUT', 'string', true)]),
      messageNode('m', 'Hi {{q}}.', [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))]),
      node('ifly-code::c', {
        inputs: [input('q', 'string', ref(S, 'AGENT_USER_INPUT'))],
        outputs: [output('r', 'string')],
        nodeParam: {
          code: "function main(q) { throw new Error('broken on purpose'); }",
          codeLanguage: 'javascript',
          appId: OWNER,
          uid: 'user',
        },
      }),
      endNode('e', [input('a', 'string', ref('ifly-code::c', 'r'))], { outputMode: 0 }),
    ],
    [
      edge(S, 'message::m'),
      edge('message::m', 'ifly-code::c'),
      edge('ifly-code::c', 'node-end::e'),
    ],
  );
}

async function addDraft(
  base: string,
  proto = greetingFlow(),
): Promise<{ flowId: string; sid: string }> {
  const res = await fetch(`${base}/workflow/v1/protocol/add`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: proto.name, app_id: OWNER, data: proto }),
  });
  const body = (await res.json()) as { code: number; sid: string; data: { flow_id: string } };
  if (body.code !== 0) throw new Error(`protocol/add: ${JSON.stringify(body)}`);
  return { flowId: body.data.flow_id, sid: body.sid };
}

describe('operator logs: LOG_FORMAT=pretty', () => {
  it('writes one readable line per event, no JSON', async () => {
    const port = await freePort();
    const service = startLoggedService({
      LOG_FORMAT: 'pretty',
      LOG_LEVEL: 'info',
      PORT: String(port),
      DATABASE_URL: sqliteUrl(),
    });
    try {
      const line = await service.waitFor(/listening on/);
      expect(line).toMatch(
        new RegExp(
          `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO +listening on http://127\\.0\\.0\\.1:${port} \\(database sqlite`,
        ),
      );
      await fetch(`http://127.0.0.1:${port}/workflow/v1/chat/completions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      const request = await service.waitFor(/request failed/);
      expect(request).toMatch(
        / WARN +request failed POST \/workflow\/v1\/chat\/completions → 200 code=460 \d+ms sid=/,
      );
      expect(service.stdout.filter((l) => l.trimStart().startsWith('{'))).toEqual([]);
    } finally {
      await service.stop();
    }
  }, 90_000);
});

describe('operator logs: start-up failures are one line naming the variable', () => {
  async function failedStart(env: Record<string, string>) {
    const service = startLoggedService({ LOG_FORMAT: 'json', DATABASE_URL: sqliteUrl(), ...env });
    const code = await service.exited;
    return { code, stdout: parseAll(service.stdout), stderr: parseAll(service.stderr) };
  }

  it('database refused: names DATABASE_URL without the password, soon after start', async () => {
    const run = await failedStart({
      DATABASE_URL: 'postgres://root:s3cret@127.0.0.1:1/x',
      DB_CONNECT_TIMEOUT_MS: '1500',
      LOG_LEVEL: 'debug',
      PORT: String(await freePort()),
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toEqual([
      expect.objectContaining({
        level: 60,
        msg: expect.stringMatching(
          /^cannot reach the database at postgres:\/\/127\.0\.0\.1:1\/x \(DATABASE_URL\): .*ECONNREFUSED/,
        ),
      }),
    ]);
    expect(JSON.stringify([run.stdout, run.stderr])).not.toContain('s3cret');
    expect(JSON.stringify(run.stdout)).not.toMatch(/Retrying/);
    // from Nest's first (debug) line to the failure: one attempt, no retries
    expect(Number(run.stderr[0].time) - Number(run.stdout[0].time)).toBeLessThan(3000);
  }, 90_000);

  it('database silent: gives up after DB_CONNECT_TIMEOUT_MS', async () => {
    const silent = await listening(0);
    const dbPort = (silent.address() as { port: number }).port;
    try {
      const run = await failedStart({
        DATABASE_URL: `postgres://root@127.0.0.1:${dbPort}/x`,
        DB_CONNECT_TIMEOUT_MS: '1500',
        LOG_LEVEL: 'debug',
        PORT: String(await freePort()),
      });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toHaveLength(1);
      expect(run.stderr[0].msg).toMatch(
        new RegExp(
          `^cannot reach the database at postgres://127\\.0\\.0\\.1:${dbPort}/x \\(DATABASE_URL\\)`,
        ),
      );
      const waited = Number(run.stderr[0].time) - Number(run.stdout[0].time);
      expect(waited).toBeGreaterThanOrEqual(1400);
      expect(waited).toBeLessThan(3000);
    } finally {
      silent.close();
    }
  }, 90_000);

  it('port in use: names PORT', async () => {
    const taken = await listening(0);
    const port = (taken.address() as { port: number }).port;
    try {
      const run = await failedStart({ PORT: String(port) });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toEqual([
        expect.objectContaining({ level: 60, msg: `port ${port} is in use (PORT)` }),
      ]);
    } finally {
      taken.close();
    }
  }, 90_000);

  it('S3 storage without an endpoint: names OSS_ENDPOINT', async () => {
    const run = await failedStart({ OSS_TYPE: 's3', PORT: String(await freePort()) });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toEqual([
      expect.objectContaining({ level: 60, msg: expect.stringContaining('OSS_ENDPOINT') }),
    ]);
    expect(run.stdout).toEqual([]);
  }, 90_000);

  it('an invalid setting: names it, exit 78', async () => {
    const run = await failedStart({ PORT: 'eighty' });
    expect(run.code).toBe(78);
    expect(run.stderr).toEqual([
      expect.objectContaining({
        msg: 'Invalid configuration: PORT must be an integer, got "eighty"',
      }),
    ]);
  }, 90_000);
});
