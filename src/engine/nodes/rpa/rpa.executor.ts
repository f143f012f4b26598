import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeResult } from '../../runtime/node-result';
import type { NodeRunContext } from '../../runtime/run-context';
import { isPlainObject } from '../../values/values';
import { EventStreamFailure, postEventStream } from '../event-stream/post-event-stream';
import { registerExecutor, type NodeExecutor } from '../../runtime/node-executor';
import { withNodeCode } from '../output-common/output-errors';
import { compileRpaParams, type RpaParams } from './rpa-params';
import './rpa-service';

// `rpa` (docs/nodes.md#rpa): runs an RPA project on the RPA executor (engine service
// `rpaService`) with the node's inputs as parameters. The executor reports progress as events
// `{code, message, sid, data}`; a non-zero code fails the node (21300), the last event's `data`
// holds the results. Cancelling the run closes the call, which tells the executor to stop.

const EXEC_PATH = '/rpa/v1/exec';

function rpaError(detail: string): AppException {
  return new AppException(ErrorCode.RPA_REQUEST_ERROR, detail);
}

async function execute(node: BuiltNode<RpaParams>, ctx: NodeRunContext): Promise<NodeResult> {
  const p = node.params;
  const service = ctx.service('rpaService');
  if (!service.baseUrl) throw rpaError('RPA_BASE_URL is not configured');
  const inputs = ctx.resolveInputs();
  let result: Record<string, unknown> | undefined;
  try {
    await postEventStream({
      url: `${service.baseUrl.replace(/\/+$/, '')}${EXEC_PATH}`,
      headers: { Authorization: p.apiKey },
      body: {
        project_id: p.projectId,
        sid: ctx.system.eventId,
        exec_position: p.execPosition,
        params: inputs,
      },
      signal: ctx.signal,
      connectMs: service.connectTimeoutMs,
      totalMs: service.timeoutMs,
      onData: (event) => {
        if (!isPlainObject(event)) throw rpaError('RPA event is not an object');
        if (event.code !== 0) {
          const message = typeof event.message === 'string' ? event.message : '';
          throw rpaError(`code ${String(event.code)}: ${message}`);
        }
        if (isPlainObject(event.data)) result = event.data;
      },
    });
  } catch (error) {
    if (error instanceof EventStreamFailure) throw rpaError(error.detail);
    throw error;
  }
  if (!result) throw rpaError('the RPA executor sent no result');
  const outputs: Record<string, unknown> = {};
  for (const name of node.outputByName.keys()) {
    if (Object.hasOwn(result, name)) outputs[name] = result[name];
  }
  return { inputs, outputs };
}

export const rpaExecutor: NodeExecutor<RpaParams> = {
  compile: compileRpaParams,
  execute: (node, ctx) => withNodeCode(ErrorCode.RPA_REQUEST_ERROR, () => execute(node, ctx)),
};

registerExecutor('rpa', rpaExecutor);
