import type { BuiltNode } from '../dsl/built-workflow';
import type { NodeResult } from './node-result';
import {
  ZERO_USAGE,
  type FrameChoice,
  type FrameNode,
  type InterruptEventData,
  type RunFrame,
  type TokenUsage,
} from './run-frame';

// Frame builders: the debug view of docs/api.md#streaming and docs/engine.md#frame-producers (seq 0,
// unrounded progress, absent keys rather than nulls).

const SUCCESS = 'Success';

function choice(content = '', reasoning = '', index = true): FrameChoice {
  const out: FrameChoice = { delta: { role: 'assistant', content, reasoning_content: reasoning } };
  if (index) out.index = 0;
  return out;
}

/** A frame's node with empty inputs and outputs (node start, interrupt, the flow's own node). */
function blankNode(
  node: Pick<BuiltNode, 'id' | 'alias'>,
  executedTime: number,
  finishReason?: FrameNode['finish_reason'],
): FrameNode {
  return {
    id: node.id,
    alias_name: node.alias,
    ...(finishReason ? { finish_reason: finishReason } : {}),
    inputs: {},
    outputs: {},
    error_outputs: {},
    executed_time: executedTime,
  };
}

/** seconds with 3 decimals */
export function elapsedSeconds(startMs: number, nowMs: number): number {
  return Math.round(Math.max(0, nowMs - startMs)) / 1000;
}

function flowNode(executedTime: number): FrameNode {
  return {
    ...blankNode({ id: 'flow_obj', alias: '' }, executedTime, 'stop'),
    usage: { ...ZERO_USAGE },
  };
}

export function flowStartFrame(): RunFrame {
  return {
    code: 0,
    message: SUCCESS,
    workflow_step: { node: flowNode(0), seq: 0, progress: 0 },
    choices: [choice()],
  };
}

export function flowEndFrame(usage: TokenUsage, executedTime: number): RunFrame {
  const end = choice();
  end.finish_reason = 'stop';
  return {
    code: 0,
    message: SUCCESS,
    workflow_step: { node: flowNode(executedTime), seq: 0, progress: 1 },
    choices: [end],
    usage: { ...usage },
  };
}

/** The run-error frame: final, no node info, progress 1, usage zeros (docs/api.md#errors-during-a-run). */
export function runErrorFrame(code: number, message: string): RunFrame {
  const end = choice();
  end.finish_reason = 'stop';
  return {
    code,
    message,
    workflow_step: { seq: 0, progress: 1 },
    choices: [end],
    usage: { ...ZERO_USAGE },
  };
}

export function nodeStartFrame(node: BuiltNode, progress: number): RunFrame {
  return {
    code: 0,
    message: SUCCESS,
    workflow_step: { node: blankNode(node, 0), seq: 0, progress },
    choices: [choice()],
  };
}

export function processFrame(
  node: BuiltNode,
  progress: number,
  executedTime: number,
  content: string,
  reasoning: string,
  ext?: Record<string, unknown>,
): RunFrame {
  // one frame per streamed token: plain literals (no rest/spread copies, which cost 2.5× the
  // allocation), `ext` before `executed_time` as in the reference's key order
  const info: FrameNode = ext
    ? {
        id: node.id,
        alias_name: node.alias,
        inputs: {},
        outputs: {},
        error_outputs: {},
        ext,
        executed_time: executedTime,
      }
    : {
        id: node.id,
        alias_name: node.alias,
        inputs: {},
        outputs: {},
        error_outputs: {},
        executed_time: executedTime,
      };
  return {
    code: 0,
    message: SUCCESS,
    workflow_step: { node: info, seq: 0, progress },
    choices: [{ delta: { role: 'assistant', content, reasoning_content: reasoning }, index: 0 }],
  };
}

const RAW_OUTPUT_TYPES = new Set(['spark-llm', 'decision-making']);

export function nodeEndFrame(
  node: BuiltNode,
  result: NodeResult,
  progress: number,
  executedTime: number,
): RunFrame {
  const ext =
    result.ext ??
    (RAW_OUTPUT_TYPES.has(node.type) && result.rawOutput ? { raw_output: result.rawOutput } : {});
  const info: FrameNode = {
    id: node.id,
    alias_name: node.alias,
    finish_reason: 'stop',
    inputs: result.inputs,
    outputs: result.outputs,
    error_outputs: result.errorOutputs ?? {},
    ext,
    executed_time: executedTime,
  };
  if (result.tokenCost) info.usage = { ...result.tokenCost };
  return {
    code: 0,
    message: SUCCESS,
    workflow_step: { node: info, seq: 0, progress },
    choices: [choice(result.answerContent ?? '', result.answerReasoning ?? '', false)],
  };
}

export function nodeErrorFrame(
  node: BuiltNode,
  code: number,
  message: string,
  progress: number,
  executedTime: number,
): RunFrame {
  const ordered = blankNode(node, executedTime, 'stop');
  if (RAW_OUTPUT_TYPES.has(node.type)) ordered.usage = { ...ZERO_USAGE };
  return {
    code,
    message,
    workflow_step: { node: ordered, seq: 0, progress },
    choices: [choice('', '', false)],
  };
}

export function interruptFrame(
  node: BuiltNode,
  progress: number,
  executedTime: number,
  eventData: InterruptEventData,
): RunFrame {
  const end = choice();
  end.finish_reason = 'interrupt';
  return {
    code: 0,
    message: SUCCESS,
    workflow_step: {
      node: blankNode(node, executedTime, 'interrupt'),
      seq: 0,
      progress,
    },
    choices: [end],
    event_data: eventData,
  };
}
