import { ERROR_SENTINEL_CODE } from '../../runtime/node-result';
import type { BuiltNode } from '../../dsl/built-workflow';
import type { NodeRunContext } from '../../runtime/run-context';
import { streamingUnits } from '../../variables/template';

// The streaming walk of an output node's template (docs/engine.md#output-rendering): constants at once,
// streamed producers piece by piece from their queues, other producers after they complete.
// Every piece but the trailing constant goes to `emit`; the trailing constant is returned
// (it becomes the node-end frame's content, "the end marker").

export async function walkTemplate<P>(
  ctx: NodeRunContext,
  node: BuiltNode<P>,
  template: string,
  emit: (piece: string) => void,
): Promise<string> {
  const units = streamingUnits(template, node.inputByName);
  for (let i = 0; i < units.length - 1; i += 1) {
    const unit = units[i];
    if (unit.kind === 'constant') {
      emit(unit.text);
      continue;
    }
    const input = node.inputByName.get(unit.root);
    const renderOne = () => ctx.renderDisplay(`{{${unit.path}}}`);
    if (!input || input.value.kind === 'literal') {
      emit(renderOne());
      continue;
    }
    const producerId = input.value.nodeId;
    const outputName = input.value.path.split('.')[0];
    if (!ctx.output.isStreaming(producerId, outputName)) {
      await ctx.output.waitFor(producerId, 'complete');
      emit(renderOne());
      continue;
    }
    if ((await ctx.output.waitFor(producerId, 'processing')) === 'pruned') {
      emit('');
      continue;
    }
    await consume(ctx, producerId, outputName === 'REASONING_CONTENT', emit, renderOne);
  }
  const last = units[units.length - 1];
  return last.kind === 'constant' ? last.text : '';
}

async function consume(
  ctx: NodeRunContext,
  producerId: string,
  reasoning: boolean,
  emit: (piece: string) => void,
  fromPool: () => string,
): Promise<void> {
  // pieces are emitted as the producer pushes them (no promise per token)
  const stoppedAt = await ctx.output.drain(producerId, (chunk) => {
    if (chunk.code !== undefined && chunk.code !== 0) return true;
    if (reasoning) {
      if (!chunk.reasoningContent) return true;
      emit(chunk.reasoningContent);
    } else if (chunk.content) {
      emit(chunk.content);
    }
    return Boolean(chunk.end);
  });
  if (stoppedAt?.code === ERROR_SENTINEL_CODE) {
    await ctx.output.waitFor(producerId, 'complete');
    emit(fromPool());
  }
}
