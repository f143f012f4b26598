import { ParamViolation } from '../../core/errors/param-error';

// Shape check of the protocol a publish request may carry (`WorkflowData`, docs/api.md#publish).
// Only the shape is checked; the object itself is stored verbatim (docs/decisions.md#q5), so it is never
// passed through a DTO class that would strip its unknown keys.

const VERSION_PATTERN = /^v3(\.\d+)*(\.\d+)$/;

type Loc = (string | number)[];

export function workflowDataViolations(value: unknown, loc: Loc = ['body', 'data']) {
  const out: ParamViolation[] = [];
  if (value === undefined || value === null) return out;
  if (!isObject(value)) return [dictType(loc, value)];
  requiredString(out, value, 'id', loc, 1);
  requiredString(out, value, 'name', loc, 1);
  if (value.description !== undefined && value.description !== null) {
    if (typeof value.description !== 'string')
      out.push(stringType([...loc, 'description'], value.description));
  }
  if (
    requiredString(out, value, 'version', loc, 0) &&
    !VERSION_PATTERN.test(String(value.version))
  ) {
    out.push({
      loc: [...loc, 'version'],
      input: value.version,
      description: `String should match pattern '${VERSION_PATTERN.source}'`,
      type: 'string_pattern_mismatch',
    });
  }
  graphViolations(out, value.data, [...loc, 'data']);
  return out;
}

function graphViolations(out: ParamViolation[], graph: unknown, loc: Loc): void {
  if (graph === undefined) return void out.push(missing(loc));
  if (!isObject(graph)) return void out.push(dictType(loc, graph));
  const nodes = graph.nodes;
  if (nodes === undefined) out.push(missing([...loc, 'nodes']));
  else if (!Array.isArray(nodes)) out.push(listType([...loc, 'nodes'], nodes));
  else {
    if (nodes.length < 2) {
      out.push({
        loc: [...loc, 'nodes'],
        input: nodes,
        description: `List should have at least 2 items after validation, not ${nodes.length}`,
        type: 'too_short',
      });
    }
    nodes.forEach((node, i) => {
      const at = [...loc, 'nodes', i];
      if (!isObject(node)) out.push(dictType(at, node));
      else requiredString(out, node, 'id', at, 0);
    });
  }
  const edges = graph.edges;
  if (edges === undefined) out.push(missing([...loc, 'edges']));
  else if (!Array.isArray(edges)) out.push(listType([...loc, 'edges'], edges));
  else {
    edges.forEach((edge, i) => {
      const at = [...loc, 'edges', i];
      if (!isObject(edge)) return void out.push(dictType(at, edge));
      requiredString(out, edge, 'sourceNodeId', at, 0);
      requiredString(out, edge, 'targetNodeId', at, 0);
      if (edge.sourceHandle !== undefined && edge.sourceHandle !== null) {
        if (typeof edge.sourceHandle !== 'string')
          out.push(stringType([...at, 'sourceHandle'], edge.sourceHandle));
      }
    });
  }
}

/** Pushes a violation unless `obj[key]` is a string of at least `min` chars; true when valid. */
function requiredString(
  out: ParamViolation[],
  obj: Record<string, unknown>,
  key: string,
  loc: Loc,
  min: number,
): boolean {
  const value = obj[key];
  if (value === undefined) {
    out.push(missing([...loc, key]));
    return false;
  }
  if (typeof value !== 'string') {
    out.push(stringType([...loc, key], value));
    return false;
  }
  if (value.length < min) {
    out.push({
      loc: [...loc, key],
      input: value,
      description: `String should have at least ${min} character${min === 1 ? '' : 's'}`,
      type: 'string_too_short',
    });
    return false;
  }
  return true;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const missing = (loc: Loc): ParamViolation => ({
  loc,
  input: undefined,
  description: 'Field required',
  type: 'missing',
});
const stringType = (loc: Loc, input: unknown): ParamViolation => ({
  loc,
  input,
  description: 'Input should be a valid string',
  type: 'string_type',
});
const listType = (loc: Loc, input: unknown): ParamViolation => ({
  loc,
  input,
  description: 'Input should be a valid list',
  type: 'list_type',
});
const dictType = (loc: Loc, input: unknown): ParamViolation => ({
  loc,
  input,
  description: 'Input should be a valid dictionary or object',
  type: 'model_type',
});
