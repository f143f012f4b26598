import { Injectable } from '@nestjs/common';
import { AppException } from '../../core/errors/app.exception';
import { ErrorCode } from '../../core/errors/error-code';
import { newEventId } from '../../core/ids/event-id';
import {
  buildWorkflow,
  displayJson,
  type FrameNode,
  type RunFrame,
  runWorkflow,
  sandboxTenant,
  type TokenUsage,
} from '../../engine';
import { RunEngineServices } from '../run/runner/engine-services.provider';
import { WorkflowRunnerService } from '../run/runner/workflow-runner.service';
import { NodeDebugRequestDto } from './dto/node-debug.dto';
import { isolateFirstNode } from './node-isolation';
import type { SandboxCaller } from '../../core/http/sandbox-caller';

/** `data` of a successful /node/debug answer (docs/api.md#node-debug). */
export interface NodeDebugResult {
  node_id: string;
  alias_name: string;
  node_type: string;
  input: string;
  raw_output: string;
  output: string;
  node_exec_cost: string;
  token_cost: TokenUsage;
}

const NO_TOKENS: TokenUsage = { completion_tokens: 0, prompt_tokens: 0, total_tokens: 0 };

/**
 * Runs the first node of the submitted DSL alone (no retries) through the real engine and
 * reports its inputs, outputs, cost and time. A failure raises the node's own error; anything
 * unexpected is answered by the route as 21700 with the raw text.
 */
@Injectable()
export class NodeDebugService {
  constructor(
    private readonly engineServices: RunEngineServices,
    private readonly runner: WorkflowRunnerService,
  ) {}

  async debug(
    body: NodeDebugRequestDto,
    caller: SandboxCaller,
    signal: AbortSignal,
  ): Promise<NodeDebugResult> {
    const plain = JSON.parse(JSON.stringify(body.data)) as Parameters<typeof isolateFirstNode>[0];
    if (plain.nodes.length === 0) {
      throw new AppException(
        ErrorCode.ENG_PROTOCOL_VALIDATE_ERROR,
        'Node configuration information not found',
      );
    }
    const { dsl, target } = isolateFirstNode(plain);
    const built = buildWorkflow(dsl);
    const controller = new AbortController();
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      // recorded like a debug run of the flow (docs/api.md#run-records)
      const recorded = {
        mode: 'debug' as const,
        flowId: body.id,
        appId: caller.app,
        eventId: newEventId(),
        uid: '',
        chatId: '',
        version: '',
      };
      const frames = this.runner.recordedRun(recorded, (onNodeAttempts) =>
        runWorkflow(built, {
          parameters: {},
          flowId: body.id,
          // the body's flow id is the caller's to write: the process is picked by the calling app
          sandboxTenant: sandboxTenant.nodeDebug(caller.app),
          sandboxCaller: caller.limitKey,
          signal: controller.signal,
          services: this.engineServices.services,
          onNodeAttempts,
        }),
      );
      const node = await this.nodeEnd(frames, String(target.id), controller);
      const meta = (target.data as { nodeMeta: { nodeType: string; aliasName: string } }).nodeMeta;
      const raw = node.ext?.raw_output;
      return {
        node_id: node.id,
        alias_name: meta.aliasName,
        node_type: meta.nodeType,
        input: displayJson(node.inputs),
        raw_output: typeof raw === 'string' ? raw : '',
        output: displayJson(node.outputs),
        node_exec_cost: node.executed_time.toFixed(3),
        token_cost: node.usage ?? { ...NO_TOKENS },
      };
    } finally {
      signal.removeEventListener('abort', onAbort);
      controller.abort();
    }
  }

  /** The target's node-end frame; a failure raises the run's error. */
  private async nodeEnd(
    frames: AsyncIterable<RunFrame>,
    targetId: string,
    controller: AbortController,
  ): Promise<FrameNode> {
    let result: FrameNode | undefined;
    for await (const frame of frames) {
      const node = frame.workflow_step?.node;
      if (frame.code !== 0 && !node) throw AppException.raw(frame.code, frame.message);
      if (frame.event_data) {
        controller.abort();
        throw new AppException(
          ErrorCode.NODE_DEBUG_ERROR,
          'waiting for a user reply is not supported in node debug',
        );
      }
      if (node?.id === targetId && node.finish_reason === 'stop' && frame.code === 0) result = node;
    }
    if (!result) throw new Error(`node ${targetId} did not finish`);
    return result;
  }
}
