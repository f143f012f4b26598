import type { FrameNode, RunFrame, TokenUsage } from '../../../engine';

// Hand-written debug-view frames for the view specs (the engine's native shape, docs/api.md#frame-kinds).

interface FrameSpec {
  node?: string;
  content?: string;
  reasoning?: string;
  progress?: number;
  finish?: 'stop' | 'interrupt';
  usage?: TokenUsage;
  code?: number;
  message?: string;
}

export function frame(spec: FrameSpec): RunFrame {
  const node: FrameNode | undefined = spec.node
    ? {
        id: spec.node,
        alias_name: spec.node,
        inputs: {},
        outputs: {},
        error_outputs: {},
        executed_time: 0,
      }
    : undefined;
  const choice: RunFrame['choices'][0] = {
    delta: {
      role: 'assistant',
      content: spec.content ?? '',
      reasoning_content: spec.reasoning ?? '',
    },
    index: 0,
  };
  if (spec.finish) choice.finish_reason = spec.finish;
  const out: RunFrame = {
    code: spec.code ?? 0,
    message: spec.message ?? 'Success',
    workflow_step: { seq: 0, progress: spec.progress ?? 0 },
    choices: [choice],
  };
  if (node) out.workflow_step!.node = node;
  if (spec.usage) out.usage = spec.usage;
  return out;
}

export const USAGE = { completion_tokens: 3, prompt_tokens: 10, total_tokens: 13 };

/** start → message → end in the debug view, as the engine emits it. */
export function sampleRun(): RunFrame[] {
  return [
    frame({ node: 'flow_obj' }),
    frame({ node: 'node-start::a' }),
    frame({ node: 'node-start::a' }),
    frame({ node: 'message::m', progress: 1 / 3 }),
    frame({ node: 'message::m', progress: 1 / 3, content: 'Hi ' }),
    frame({ node: 'message::m', progress: 1 / 3, content: 'there' }),
    frame({ node: 'node-end::e', progress: 2 / 3 }),
    frame({ node: 'node-end::e', progress: 2 / 3, content: 'Bye', reasoning: 'why' }),
    frame({ node: 'node-end::e', progress: 2 / 3, content: '!' }),
    frame({ node: 'flow_obj', progress: 1, finish: 'stop', usage: USAGE }),
  ];
}
