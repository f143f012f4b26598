import { buildWorkflow, runWorkflow } from '../index';
import type { RunInput } from '../runtime/run-shared';
import type { RunFrame } from '../runtime/run-frame';

// Run a DSL to completion and summarise frames for assertions.

export async function runDsl(dsl: unknown, input: RunInput = {}): Promise<RunFrame[]> {
  const built = buildWorkflow(dsl);
  const frames: RunFrame[] = [];
  for await (const frame of runWorkflow(built, {
    parameters: { AGENT_USER_INPUT: 'hi' },
    ...input,
  })) {
    frames.push(frame);
  }
  return frames;
}

/** `<node id>:<kind>[:<content>]` per frame: kinds start, process, end, error, interrupt, stop */
export function describeFrames(frames: RunFrame[]): string[] {
  return frames.map((frame) => {
    const node = frame.workflow_step?.node;
    const choice = frame.choices[0];
    const content = choice.delta.content || choice.delta.reasoning_content;
    if (!node) return `run-error:${frame.code}`;
    let kind: string;
    if (node.id === 'flow_obj') kind = choice.finish_reason === 'stop' ? 'stop' : 'start';
    else if (frame.code !== 0) kind = `error:${frame.code}`;
    else if (node.finish_reason === 'interrupt') kind = 'interrupt';
    else if (node.finish_reason === 'stop') kind = 'end';
    else if (content || node.ext) kind = 'process';
    else kind = 'start';
    const text = content ? `:${content}` : '';
    return `${node.id}:${kind}${text}`;
  });
}

export function lastFrame(frames: RunFrame[]): RunFrame {
  return frames[frames.length - 1];
}

/** run `dsl` and pick out the last frame and the end frame's node record of `nodeId` */
export async function runForNode(dsl: unknown, nodeId: string, input: RunInput = {}) {
  const frames = await runDsl(dsl, input);
  return { frames, last: lastFrame(frames), node: endFrameOf(frames, nodeId)?.workflow_step?.node };
}

export function endFrameOf(frames: RunFrame[], nodeId: string): RunFrame | undefined {
  return frames.find(
    (f) => f.workflow_step?.node?.id === nodeId && f.workflow_step.node.finish_reason === 'stop',
  );
}
