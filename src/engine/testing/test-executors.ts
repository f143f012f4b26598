import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import { registerExecutor, type NodeExecutor } from '../runtime/node-executor';
import type { NodeRunContext } from '../runtime/run-context';

// Scripted node types for engine tests (import this module to register them). They stand in
// for outside calls (model, code, plugin) through the public executor contract:
//   `test-stream::*`  stream group, streams `reasoning` then `chunks` to output nodes
//   `test-call::*`    non-stream group, returns `text` rendered with the display rule
//   `test-wait::*`    waits for external input (pause/resume)
// nodeParam: delayMs (per chunk / call), failTimes (attempts that fail before any frame),
// failAfterStream (fail after streaming), usage ([prompt, completion]).

interface ScriptParams {
  readonly chunks: string[];
  readonly reasoning: string[];
  readonly text: string;
  readonly delayMs: number;
  readonly failTimes: number;
  readonly failAfterStream: boolean;
  readonly usage?: [number, number];
}

const attemptsSeen = new Map<string, number>();

function compile(def: { nodeParam: Readonly<Record<string, unknown>> }): ScriptParams {
  const p = def.nodeParam;
  return {
    chunks: (p.chunks as string[]) ?? [],
    reasoning: (p.reasoning as string[]) ?? [],
    text: (p.text as string) ?? '',
    delayMs: (p.delayMs as number) ?? 0,
    failTimes: (p.failTimes as number) ?? 0,
    failAfterStream: p.failAfterStream === true,
    usage: p.usage as [number, number] | undefined,
  };
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

function failIfScripted(params: ScriptParams, ctx: NodeRunContext): void {
  const key = `${ctx.system.eventId}/${ctx.node.id}`;
  const seen = attemptsSeen.get(key) ?? 0;
  attemptsSeen.set(key, seen + 1);
  if (seen < params.failTimes) {
    throw new AppException(ErrorCode.SPARK_REQUEST_ERROR, 'boom');
  }
}

function usageOf(params: ScriptParams) {
  if (!params.usage) return undefined;
  const [prompt, completion] = params.usage;
  return {
    completion_tokens: completion,
    prompt_tokens: prompt,
    total_tokens: prompt + completion,
  };
}

export const testStreamExecutor: NodeExecutor<ScriptParams> = {
  compile,
  execute: async (node, ctx) => {
    const p = node.params;
    failIfScripted(p, ctx);
    for (const piece of p.reasoning) {
      await sleep(p.delayMs, ctx.signal);
      ctx.pushStream({ content: '', reasoningContent: piece });
    }
    for (const piece of p.chunks) {
      await sleep(p.delayMs, ctx.signal);
      ctx.pushStream({ content: piece, reasoningContent: '' });
    }
    if (p.failAfterStream) throw new AppException(ErrorCode.SPARK_REQUEST_ERROR, 'late boom');
    ctx.pushStream({ content: '', reasoningContent: '', end: true });
    const text = p.chunks.join('');
    return {
      inputs: ctx.resolveInputs(),
      outputs: { output: text, REASONING_CONTENT: p.reasoning.join('') },
      rawOutput: text,
      tokenCost: usageOf(p),
    };
  },
  traits: { errorGroup: 'stream', streamProducer: () => true },
};

export const testCallExecutor: NodeExecutor<ScriptParams> = {
  compile,
  execute: async (node, ctx) => {
    const p = node.params;
    if (p.delayMs) await sleep(p.delayMs, ctx.signal);
    failIfScripted(p, ctx);
    const output = ctx.renderDisplay(p.text);
    return {
      inputs: ctx.resolveInputs(),
      outputs: { output },
      rawOutput: output,
      tokenCost: usageOf(p),
    };
  },
  traits: { errorGroup: 'non-stream' },
};

/** Waits for `ctx.services.testReplies` (a promise per node id) unless resumed with a reply. */
export const testWaitExecutor: NodeExecutor<ScriptParams> = {
  compile,
  execute: async (node, ctx) => {
    let reply = (ctx.resumeState as { reply?: string } | undefined)?.reply;
    if (reply === undefined) {
      ctx.setWaitState({ asked: node.params.text });
      reply = await new Promise<string>((resolve, reject) => {
        ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
        waitingReplies.set(`${ctx.system.eventId}/${node.id}`, resolve);
      });
    }
    ctx.setWaitState(undefined);
    return { inputs: {}, outputs: { output: reply } };
  },
};

/** answer a `test-wait` node of the run with this event id */
export function reply(eventId: string, nodeId: string, text: string): boolean {
  const resolve = waitingReplies.get(`${eventId}/${nodeId}`);
  resolve?.(text);
  return resolve !== undefined;
}

const waitingReplies = new Map<string, (text: string) => void>();

registerExecutor('test-stream', testStreamExecutor);
registerExecutor('test-call', testCallExecutor);
registerExecutor('test-wait', testWaitExecutor);
