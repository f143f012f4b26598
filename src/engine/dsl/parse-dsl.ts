import { AppException } from '../errors/engine-error';
import { ErrorCode } from '../errors/error-codes';
import { coerceLiteral, LiteralCoercionError } from '../values/coerce-literal';
import { isPlainObject } from '../values/values';
import { genericBuildError } from './build-errors';
import {
  VALUE_TYPES,
  type EdgeDefinition,
  type FlowDefinition,
  type InputValue,
  type JsonSchema,
  type NodeDefinition,
  type NodeInput,
  type NodeOutput,
  type ValueType,
} from './dsl.types';

// Structural parse of `{nodes, edges}` (docs/engine.md#build-and-validation steps 1–3). Unknown keys are
// ignored everywhere; structural problems are generic errors naming the exact field.

const NODE_ID = /^.*::[0-9a-zA-Z-]+/;

type Obj = Record<string, unknown>;

function fail(path: string, problem: string): AppException {
  return genericBuildError(`${path}: ${problem}`);
}

function objectAt(value: unknown, path: string): Obj {
  if (!isPlainObject(value)) throw fail(path, 'must be an object');
  return value;
}

function stringAt(value: unknown, path: string, nonEmpty = false): string {
  if (typeof value !== 'string') throw fail(path, 'must be a string');
  if (nonEmpty && value.length === 0) throw fail(path, 'must not be empty');
  return value;
}

function arrayAt(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw fail(path, 'must be an array');
  return value;
}

export function parseFlow(dsl: unknown): FlowDefinition {
  let root = objectAt(dsl, 'dsl');
  if (!('nodes' in root) && isPlainObject(root.data)) root = root.data;
  if (!Array.isArray(root.nodes)) throw fail('nodes', 'field required (array)');
  if (!Array.isArray(root.edges)) throw fail('edges', 'field required (array)');
  const nodes = root.nodes.map((node, i) => parseNode(node, `nodes.${i}`));
  const edges = root.edges.map((edge, i) => parseEdge(edge, `edges.${i}`));
  if (nodes.length === 0) {
    throw new AppException(
      ErrorCode.ENG_PROTOCOL_VALIDATE_ERROR,
      'Node configuration information not found',
    );
  }
  return { nodes, edges };
}

function parseNode(raw: unknown, path: string): NodeDefinition {
  const node = objectAt(raw, path);
  const id = stringAt(node.id, `${path}.id`);
  if (!NODE_ID.test(id)) throw fail(`${path}.id`, `"${id}" does not match ${NODE_ID.source}`);
  const data = objectAt(node.data, `${path}.data`);
  const meta = objectAt(data.nodeMeta, `${path}.data.nodeMeta`);
  const nodeParam = data.nodeParam ?? {};
  const retryConfig = data.retryConfig ?? {};
  return {
    id,
    type: id.split(':')[0],
    alias: stringAt(meta.aliasName, `${path}.data.nodeMeta.aliasName`),
    nodeType: stringAt(meta.nodeType, `${path}.data.nodeMeta.nodeType`),
    inputs: arrayAt(data.inputs, `${path}.data.inputs`).map((input, i) =>
      parseInput(input, `${path}.data.inputs.${i}`),
    ),
    outputs: arrayAt(data.outputs, `${path}.data.outputs`).map((output, i) =>
      parseOutput(output, `${path}.data.outputs.${i}`),
    ),
    nodeParam: objectAt(nodeParam, `${path}.data.nodeParam`),
    retryConfig: objectAt(retryConfig, `${path}.data.retryConfig`),
  };
}

function parseInput(raw: unknown, path: string): NodeInput {
  const input = objectAt(raw, path);
  const name = stringAt(input.name, `${path}.name`, true);
  const schema = objectAt(input.schema, `${path}.schema`) as JsonSchema;
  if (!VALUE_TYPES.includes(schema.type as ValueType)) {
    throw fail(`${path}.schema.type`, `must be one of ${VALUE_TYPES.join(', ')}`);
  }
  const type = schema.type as ValueType;
  const rawValue = objectAt(schema.value, `${path}.schema.value`);
  let value: InputValue;
  if (rawValue.type === 'ref') {
    const content = objectAt(rawValue.content, `${path}.schema.value.content`);
    value = {
      kind: 'ref',
      nodeId: stringAt(content.nodeId, `${path}.schema.value.content.nodeId`, true),
      path: stringAt(content.name, `${path}.schema.value.content.name`, true),
    };
  } else if (rawValue.type === 'literal') {
    try {
      value = { kind: 'literal', value: coerceLiteral(name, type, rawValue.content) };
    } catch (error) {
      if (error instanceof LiteralCoercionError) throw genericBuildError(error.message);
      throw error;
    }
  } else {
    throw fail(`${path}.schema.value.type`, 'must be ref or literal');
  }
  const id = typeof input.id === 'string' ? input.id : undefined;
  return { ...(id !== undefined ? { id } : {}), name, type, schema, value };
}

function parseOutput(raw: unknown, path: string): NodeOutput {
  const output = objectAt(raw, path);
  return {
    name: stringAt(output.name, `${path}.name`, true),
    required: output.required === true,
    schema: objectAt(output.schema ?? {}, `${path}.schema`) as JsonSchema,
  };
}

function parseEdge(raw: unknown, path: string): EdgeDefinition {
  const edge = objectAt(raw, path);
  const handle = edge.sourceHandle;
  return {
    source: stringAt(edge.sourceNodeId, `${path}.sourceNodeId`, true),
    target: stringAt(edge.targetNodeId, `${path}.targetNodeId`, true),
    handle: normaliseHandle(typeof handle === 'string' ? handle : ''),
  };
}

/** `intent_chain|<id>|…` → `<id>` (docs/engine.md#edges-and-handles); other handles unchanged. */
export function normaliseHandle(handle: string): string {
  if (!handle.startsWith('intent_chain|')) return handle;
  return handle.slice('intent_chain|'.length).split('|')[0];
}
