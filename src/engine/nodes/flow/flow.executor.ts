import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeDefinition } from '../../dsl/dsl.types';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { displayString } from '../../values/stringify';
import { NodeExecutor, registerExecutor } from '../../runtime/node-executor';
import { compileFlowParams, type FlowParams } from './flow-params';
import { flowOutputs, PROMPT_MODE } from './flow-outputs';
import './flow-services';
import { readSubflowReply } from './subflow-reply';

/** the output the parent's output nodes can stream in prompt mode */
const STREAMED_OUTPUT = 'content';

/**
 * `flow::` (docs/nodes.md#flow): runs another published flow with the node's inputs as its
 * start parameters and maps its answer to the outputs (variable or prompt mode, taken from the
 * sub-flow's latest published end node). Prompt-mode answers stream to the parent's output
 * nodes; the sub-flow's usage becomes this node's token cost. A question asked inside an
 * in-process sub-flow pauses the parent run on its own event and continues on `/resume`.
 */
export const flowExecutor: NodeExecutor<FlowParams> = {
  compile(def: NodeDefinition): FlowParams {
    return compileFlowParams(def);
  },

  async execute(node: BuiltNode<FlowParams>, ctx: NodeRunContext): Promise<NodeResult> {
    const params = node.params;
    const subflows = ctx.service('subflows');
    checkCallChain(ctx.callChain, params.flowId, subflows.maxDepth);
    const mode = await subflows.outputMode(params.flowId, ctx.system.appId);
    // the reference fails with the bare message when the end node has no mode
    if (mode === undefined) throw new AppException(ErrorCode.WORKFLOW_EXECUTION_ERROR);
    const inputs = ctx.resolveInputs();
    const prompt = mode === PROMPT_MODE;
    const reply = await readSubflowReply(
      subflows.run({
        flowId: params.flowId,
        appId: params.appId,
        uid: params.uid,
        version: params.version,
        parameters: inputs,
        history: params.forwardHistory ? ctx.history : [],
        callChain: ctx.callChain,
        sandboxCaller: ctx.sandboxCaller,
        services: ctx.services,
        signal: ctx.signal,
        eventId: ctx.system.eventId,
        questionLock: (fn) => ctx.withQuestionLock(fn),
        // the sub-run's own snapshot is this node's wait state: a restored parent continues it
        resumeFrom: ctx.resumeState,
        onPause: (state) => ctx.setWaitState(state),
      }),
      {
        push: prompt ? (chunk) => ctx.pushStream(chunk) : undefined,
        frameTimeoutMs: node.retry.enabled ? node.retry.timeoutMs : undefined,
        questions: subflows.relaysQuestions
          ? {
              onQuestion: (eventData) => ctx.emitInterrupt(eventData),
              onAnswered: () => ctx.setWaitState(undefined),
            }
          : undefined,
      },
    );
    const outputs = flowOutputs(mode, reply, node.outputs);
    if (!prompt && STREAMED_OUTPUT in outputs) {
      // output nodes read `content` as a stream whatever the mode: hand them the final value
      ctx.pushStream({
        content: displayString(outputs[STREAMED_OUTPUT]),
        reasoningContent: '',
        end: true,
      });
    }
    return { inputs, outputs, rawOutput: '', tokenCost: reply.usage };
  },

  traits: {
    errorGroup: 'stream',
    streamProducer: (_params, outputName) => outputName === STREAMED_OUTPUT,
  },
};

/**
 * Depth and cycle limits (docs/nodes.md#flow): `chain` holds the flow ids of the calling runs
 * and this run's own id last. Refused before anything runs, so a loop of flows ends at once.
 */
export function checkCallChain(chain: readonly string[], target: string, maxDepth: number): void {
  if (chain.includes(target)) {
    throw new AppException(
      ErrorCode.WORKFLOW_EXECUTION_ERROR,
      `sub-flow call cycle: ${[...chain, target].join(' -> ')}`,
    );
  }
  // the run holding this node is at depth chain.length - 1; the sub-flow one deeper
  if (chain.length > maxDepth) {
    throw new AppException(
      ErrorCode.WORKFLOW_EXECUTION_ERROR,
      `sub-flow nesting deeper than ${maxDepth} levels`,
    );
  }
}

registerExecutor('flow', flowExecutor);
