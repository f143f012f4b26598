import { Agent, createServer, IncomingMessage, request, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A child process of llm.bench.ts: the leanest Node relay of a model stream we could write —
// no framework, no engine, no database — doing per token what the service must do at least:
// read the model's event stream, parse each chunk's JSON, build an astron-shaped frame
// (docs/api.md#chunk-object), serialise it and write it as an SSE event. Run on the same host and load
// as the service, it shows what any Node service adds there: the part of the service's figures
// that is the host's (loopback sockets, scheduling, V8), not our code's.
// Started with the fake model's chat URL as argv[2]; sends `{ base }` once listening.

const modelUrl = process.argv[2];
const agent = new Agent({ keepAlive: true, maxSockets: 1000 });

function readJson(req: IncomingMessage): Promise<{ parameters?: { AGENT_USER_INPUT?: string } }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8'))));
    req.on('error', reject);
  });
}

let runs = 0;

/** one astron stream chunk per token, with the fields and sizes the release view sends */
function frame(sid: string, seq: number, content: string, finish?: string): string {
  const chunk = {
    code: 0,
    message: 'Success',
    id: sid,
    created: Math.floor(Date.now() / 1000),
    workflow_step: { seq, progress: finish ? 1 : 0.5 },
    choices: [
      {
        delta: { role: 'assistant', content, reasoning_content: '' },
        index: 0,
        ...(finish ? { finish_reason: finish } : {}),
      },
    ],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req);
  const sid = `spf00${(runs += 1).toString(16).padStart(12, '0')}@bench-relay`;
  const payload = JSON.stringify({
    model: 'relay',
    stream: true,
    messages: [{ role: 'user', content: body.parameters?.AGENT_USER_INPUT ?? '' }],
  });
  const upstream = request(modelUrl, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
  });
  upstream.on('response', (model) => {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
    let seq = 0;
    let carry = '';
    model.setEncoding('utf8');
    model.on('data', (text: string) => {
      carry += text;
      let end = carry.indexOf('\n\n');
      while (end >= 0) {
        const event = carry.slice(0, end);
        carry = carry.slice(end + 2);
        end = carry.indexOf('\n\n');
        if (!event.startsWith('data: ') || event.startsWith('data: [DONE]')) continue;
        const content = JSON.parse(event.slice(6)).choices?.[0]?.delta?.content;
        if (content) res.write(frame(sid, (seq += 1), content));
      }
    });
    model.on('end', () => res.end(frame(sid, seq + 1, '', 'stop')));
  });
  upstream.on('error', () => res.destroy());
  upstream.end(payload);
}

const server = createServer((req, res) => {
  relay(req, res).catch(() => res.destroy());
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ base: `http://127.0.0.1:${port}` });
});
