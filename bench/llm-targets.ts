import { ChildProcess, execFileSync, fork } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { releasedFlow, type Json } from '../test/chat.helpers';
import {
  edge,
  END,
  llmNode,
  openaiModel,
  promptEnd,
  protocol,
  START,
  start,
} from '../test/llm/llm-flows';
import { processCpuSeconds, ServiceProcess } from './service-process';

// What the token-latency clients stream through: the service (start → LLM → end, release
// view), the lean Node relay of llm-relay.ts, or nothing (the clients read the fake model).

export type Path = 'service' | 'relay' | 'direct';

/** A process answering the clients' run requests, set up for one load. */
export interface StreamTarget {
  base?: string;
  flowId: string;
  caller: string;
  pid?: number;
  cpuSeconds(): number | undefined;
  close(): Promise<void>;
}

/**
 * `BENCH_PIN` (default on with 2 or more cores): the process under test gets CPU 0 to itself
 * and the fake model and the clients share the others — the way a service is
 * measured apart from its load generator. `BENCH_PIN=0` lets the scheduler place everything.
 */
export const PINNED = process.env.BENCH_PIN !== '0' && cpus().length >= 2;

let pinWarned = false;

function pin(cpuList: string, pid: number | undefined): void {
  if (!pid) return;
  try {
    // -a: every thread (V8's GC helpers, libuv's pool), not only the main one
    execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
  } catch (error) {
    // no taskset (util-linux) or no permission: the figures are then unpinned ones
    if (!pinWarned) process.stderr.write(`pinning failed, measuring unpinned: ${String(error)}\n`);
    pinWarned = true;
  }
}

/**
 * Pins the target to CPU 0 and the load processes to the other cores. The bench process itself
 * stays unpinned (it only waits while the load runs), so what it starts later — the resume
 * benchmark's services — is placed freely again.
 */
export function pinProcesses(target: number | undefined, load: (number | undefined)[]): void {
  if (!PINNED) return;
  for (const pid of load) pin(`1-${cpus().length - 1}`, pid);
  pin('0', target);
}

export async function startTarget(
  path: Path,
  chatUrl: string,
  serviceArgs: string[],
): Promise<StreamTarget> {
  if (path === 'service') return startService(chatUrl, serviceArgs);
  if (path === 'relay') return startRelay(chatUrl);
  return { flowId: '', caller: '', cpuSeconds: () => undefined, close: async () => undefined };
}

/** start → LLM (the fake model at `chatUrl`) → end streaming its answer (prompt mode) */
export function llmFlow(chatUrl: string): Json {
  return protocol(
    [
      start(),
      llmNode('l', openaiModel(chatUrl), {}),
      promptEnd('{{r}}', { r: ['spark-llm::l', 'output'] }),
    ],
    [edge(START, 'spark-llm::l'), edge('spark-llm::l', END)],
  );
}

async function startService(chatUrl: string, serviceArgs: string[]): Promise<StreamTarget> {
  const service = await ServiceProcess.start({}, serviceArgs);
  const world = await service.createApps(`bench${Date.now() % 100000}`);
  const flowId = await releasedFlow(service.asTestApp(), world, llmFlow(chatUrl));
  return {
    base: service.base,
    flowId,
    caller: world.caller,
    pid: service.pid,
    cpuSeconds: () => service.cpuSeconds(),
    close: () => service.close(),
  };
}

async function startRelay(chatUrl: string): Promise<StreamTarget> {
  const child: ChildProcess = fork(join(__dirname, 'llm-relay.ts'), [chatUrl], {
    execArgv: ['-r', 'ts-node/register/transpile-only'],
  });
  const { base } = await new Promise<{ base: string }>((resolve) =>
    child.once('message', (m) => resolve(m as { base: string })),
  );
  return {
    base,
    flowId: 'relay',
    caller: 'relay',
    pid: child.pid,
    cpuSeconds: () => processCpuSeconds(child.pid),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
