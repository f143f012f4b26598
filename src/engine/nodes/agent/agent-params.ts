import type { NodeDefinition } from '../../dsl/dsl.types';
import { genericBuildError } from '../../dsl/build-errors';
import { historyV2Settings } from '../../providers/chat-history';
import { isPlainObject } from '../../values/values';
import { optionalInt, optionalString, requiredInt, requiredString } from '../param-readers';

/** One knowledge base the agent may search, in the service's (snake_case) spelling. */
export interface AgentKnowledge {
  readonly name: string;
  readonly description: string;
  readonly top_k: number;
  readonly repo_type: number;
  readonly match: { readonly repo_ids: string[]; readonly doc_ids: string[] | null };
}

/** Compiled `nodeParam` of an agent node (docs/nodes.md#agent). */
export interface AgentParams {
  readonly appId: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly source: string;
  readonly domain: string;
  readonly api: string;
  readonly instruction: {
    readonly reasoning: string;
    readonly answer: string;
    readonly query: string;
  };
  readonly tools: readonly unknown[];
  readonly mcpServerIds: readonly string[];
  readonly mcpServerUrls: readonly string[];
  readonly workflowIds: readonly string[];
  readonly knowledge: readonly AgentKnowledge[];
  readonly maxLoopCount: number;
  readonly maxTokens: number;
  readonly historyV2: { readonly enabled: boolean; readonly rounds: number };
  readonly caller: string;
}

type Params = Readonly<Record<string, unknown>>;

function fail(id: string, path: string, expected: string): Error {
  return genericBuildError(`Node ${id} nodeParam.${path}: ${expected}`);
}

function objectAt(p: Params, id: string, key: string): Params {
  const value = p[key];
  if (!isPlainObject(value)) {
    throw fail(id, key, value === undefined ? 'field required' : 'must be an object');
  }
  return value;
}

function stringList(p: Params, id: string, path: string, key: string, required = true): string[] {
  const value = p[key];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw fail(id, `${path}.${key}`, value === undefined ? 'field required' : 'must be strings');
  }
  return [...(value as string[])];
}

/** Tool ids become `{tool_id, version: "V1.0"}`; objects are sent as the console wrote them. */
function tools(plugin: Params, id: string): unknown[] {
  const value = plugin.tools;
  if (!Array.isArray(value)) {
    throw fail(id, 'plugin.tools', value === undefined ? 'field required' : 'must be a list');
  }
  return value.map((tool: unknown) =>
    typeof tool === 'string' ? { tool_id: tool, version: 'V1.0' } : tool,
  );
}

/** A field of a nested object (`modelConfig`, a knowledge entry…), its path named in the error. */
function entryField<T>(
  entry: Params,
  id: string,
  path: string,
  key: string,
  check: (value: unknown) => value is T,
  expected: string,
): T {
  const value = entry[key];
  if (!check(value))
    throw fail(id, `${path}.${key}`, value === undefined ? 'field required' : expected);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isInt = (value: unknown): value is number => Number.isInteger(value);

function knowledge(plugin: Params, id: string): AgentKnowledge[] {
  const value = plugin.knowledge ?? [];
  if (!Array.isArray(value)) throw fail(id, 'plugin.knowledge', 'must be a list');
  return value.map((entry: unknown, index) => {
    const path = `plugin.knowledge[${index}]`;
    if (!isPlainObject(entry)) throw fail(id, path, 'must be an object');
    const name = entryField(entry, id, path, 'name', isString, 'must be a string');
    const description =
      entry.description == null
        ? ''
        : entryField(entry, id, path, 'description', isString, 'must be a string');
    const topK = entryField(entry, id, path, 'topK', isInt, 'must be an integer');
    const repoType = entryField(entry, id, path, 'repoType', isInt, 'must be an integer');
    if (name.length < 1 || name.length > 128) throw fail(id, `${path}.name`, '1 to 128 chars');
    if (description.length > 1024) throw fail(id, `${path}.description`, 'at most 1024 chars');
    if (topK < 1 || topK > 5) throw fail(id, `${path}.topK`, 'must be in [1, 5]');
    // newer revisions add repo type 3
    if (repoType < 1 || repoType > 3) throw fail(id, `${path}.repoType`, 'must be in [1, 3]');
    if (!isPlainObject(entry.match)) throw fail(id, `${path}.match`, 'must be an object');
    const match = entry.match;
    const repoIds = stringList(match, id, `${path}.match`, 'repoIds');
    const docIds = match.docIds == null ? null : stringList(match, id, `${path}.match`, 'docIds');
    if (repoIds.length === 0) throw fail(id, `${path}.match.repoIds`, 'at least one id');
    if (repoType === 2 && !docIds?.length) {
      throw fail(id, `${path}.match.docIds`, 'at least one id when repoType is 2');
    }
    return {
      name,
      description,
      top_k: topK,
      repo_type: repoType,
      match: { repo_ids: repoIds, doc_ids: docIds },
    };
  });
}

export function compileAgentParams(def: NodeDefinition): AgentParams {
  const p = def.nodeParam;
  const id = def.id;
  const model = objectAt(p, id, 'modelConfig');
  const instruction = objectAt(p, id, 'instruction');
  const plugin = objectAt(p, id, 'plugin');
  entryField(model, id, 'modelConfig', 'agentStrategy', isInt, 'must be an integer'); // not sent
  const metaData = isPlainObject(p.metaData) ? p.metaData : {};
  const maxLoopCount = requiredInt(p, id, 'maxLoopCount');
  if (maxLoopCount < 1) throw fail(id, 'maxLoopCount', 'must be at least 1');
  return Object.freeze({
    appId: requiredString(p, id, 'appId'),
    apiKey: requiredString(p, id, 'apiKey'),
    apiSecret: requiredString(p, id, 'apiSecret'),
    source: optionalString(p, id, 'source', 'xinghuo') || 'xinghuo',
    domain: entryField(model, id, 'modelConfig', 'domain', isString, 'must be a string'),
    api: entryField(model, id, 'modelConfig', 'api', isString, 'must be a string'),
    instruction: {
      reasoning: entryField(
        instruction,
        id,
        'instruction',
        'reasoning',
        isString,
        'must be a string',
      ),
      answer: entryField(instruction, id, 'instruction', 'answer', isString, 'must be a string'),
      query: entryField(instruction, id, 'instruction', 'query', isString, 'must be a string'),
    },
    tools: tools(plugin, id),
    mcpServerIds: stringList(plugin, id, 'plugin', 'mcpServerIds'),
    mcpServerUrls: stringList(plugin, id, 'plugin', 'mcpServerUrls'),
    workflowIds: stringList(plugin, id, 'plugin', 'workflowIds'),
    knowledge: knowledge(plugin, id),
    maxLoopCount,
    maxTokens: optionalInt(p, id, 'maxTokens', 10240),
    historyV2: historyV2Settings(p),
    caller: optionalString(metaData, id, 'caller', 'workflow-agent-node') || 'workflow-agent-node',
  });
}
