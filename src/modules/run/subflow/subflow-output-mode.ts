/**
 * `nodeParam.outputMode` of the end node of a stored protocol (`{…, data: {nodes, edges}}`),
 * undefined when there is none (docs/nodes.md#flow).
 */
export function endOutputMode(protocol: unknown): number | undefined {
  const nodes = (protocol as { data?: { nodes?: unknown } } | null)?.data?.nodes;
  if (!Array.isArray(nodes)) return undefined;
  for (const node of nodes as { id?: unknown; data?: { nodeParam?: { outputMode?: unknown } } }[]) {
    if (typeof node?.id !== 'string' || !node.id.startsWith('node-end::')) continue;
    const mode = node.data?.nodeParam?.outputMode;
    return typeof mode === 'number' ? mode : undefined;
  }
  return undefined;
}
