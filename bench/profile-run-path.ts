import 'reflect-metadata';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/configure-app';
import { loadConfig } from '../src/core/config/app-config';
import { ChatService } from '../src/modules/chat/chat.service';
import { seedSmallFlow } from './seed-small-flow';

// Profiling aid, not a benchmark: the released run path of the chat route (run request, run,
// response) called in process with a stand-in response, without HTTP, so that a profile or a
// CPU figure shows what a run costs beyond the request pipeline.
//   node -r ts-node/register/transpile-only [--cpu-prof] bench/profile-run-path.ts [runs] [concurrency]
// PROFILE_ENV="REDIS_URL=redis://127.0.0.1:6379/7 …" adds settings.

/** What the run path uses of a response. */
class StandInResponse extends EventEmitter {
  writableEnded = false;
  destroyed = false;
  body = '';
  setHeader(): void {}
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.body += chunk;
    return true;
  }
  end(chunk?: string): void {
    if (chunk) this.body += chunk;
    this.writableEnded = true;
    this.emit('finish');
  }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20000);
  const concurrency = Number(process.argv[3] ?? 16);
  const dir = mkdtempSync(join(tmpdir(), 'run-path-'));
  const extra = Object.fromEntries(
    (process.env.PROFILE_ENV ?? '')
      .split(' ')
      .filter(Boolean)
      .map((pair) => pair.split('=', 2)),
  ) as Record<string, string>;
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    LOG_LEVEL: 'silent',
    FILE_STORAGE_DIR: join(dir, 'files'),
    RUNTIME_ENV: 'test',
    ...extra,
  });
  const app = await createApp(config);
  try {
    const flowId = await seedSmallFlow(app, 'benchapp');
    const chat = app.get(ChatService);
    const runOne = async () => {
      const res = new StandInResponse();
      const body = {
        flow_id: flowId,
        uid: '',
        stream: false,
        ext: {},
        parameters: { AGENT_USER_INPUT: 'hi there' },
        chat_id: '',
        history: [],
        version: '',
      };
      await chat.run(
        body,
        { alias: 'benchapp', sid: 'sid', callChain: [] },
        res as unknown as ServerResponse,
      );
      if (!res.body.includes('Hello hi there!')) throw new Error(`unexpected: ${res.body}`);
    };
    const batch = async (count: number) => {
      let next = 0;
      const worker = async () => {
        while (next < count) {
          next += 1;
          await runOne();
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    };
    await batch(Math.min(2000, runs)); // warm-up
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await batch(runs);
    const used = process.cpuUsage(cpu);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(
      `${runs} runs: ${(((used.user + used.system) / runs) | 0).toString()} µs CPU/run, ` +
        `${((runs / wallMs) * 1000).toFixed(0)} runs/s\n`,
    );
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
