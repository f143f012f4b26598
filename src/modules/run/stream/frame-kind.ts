import type { RunFrame } from '../../../engine';

// Classification of run frames (docs/api.md#frame-kinds) shared by the views.

export const FLOW_NODE_ID = 'flow_obj';

/** Node types whose frames reach release clients (docs/api.md#release-view). */
const RELEASE_NODE_TYPES = new Set(['message', 'node-end', 'question-answer']);

/** The type prefix of a node id (`message::uuid` → `message`). */
export function nodeTypeOf(nodeId: string): string {
  const cut = nodeId.indexOf('::');
  return cut < 0 ? nodeId : nodeId.slice(0, cut);
}

export function nodeIdOf(frame: RunFrame): string | undefined {
  return frame.workflow_step?.node?.id;
}

/** A terminal frame ends the response: `stop` (normal or error end) or `interrupt`. */
export function isTerminal(frame: RunFrame): boolean {
  const reason = frame.choices[0].finish_reason;
  return reason === 'stop' || reason === 'interrupt';
}

export function isInterrupt(frame: RunFrame): boolean {
  return frame.event_data !== undefined || frame.choices[0].finish_reason === 'interrupt';
}

/** The workflow-level error end: terminal, no node info (docs/api.md#frame-kinds). */
export function isRunFailure(frame: RunFrame): boolean {
  return nodeIdOf(frame) === undefined && frame.choices[0].finish_reason === 'stop';
}

/**
 * Frames of the flow itself, of an output node (message / end / question-answer), or an
 * interrupt of any node (a sub-flow node relays its sub-flow's question).
 */
export function isReleaseSource(frame: RunFrame): boolean {
  const id = nodeIdOf(frame);
  if (id === undefined) return false;
  return id === FLOW_NODE_ID || RELEASE_NODE_TYPES.has(nodeTypeOf(id)) || isInterrupt(frame);
}

export function hasText(frame: RunFrame): boolean {
  const delta = frame.choices[0].delta;
  return delta.content !== '' || delta.reasoning_content !== '';
}
