// The MCP tool descriptor of `GET /get_flow_info/{flow_id}` (docs/api.md#flow-info): the start
// node's outputs (the run parameters) of the published protocol become a JSON-schema object.

export interface McpProperty {
  type: unknown;
  description: unknown;
  fileType?: unknown;
}

export interface McpToolDescriptor {
  name: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, McpProperty>; required: string[] };
}

/** Thrown for a published protocol of the wrong shape (the route answers its fallback, 20209). */
export class MalformedProtocolError extends Error {
  constructor(what: string) {
    super(`malformed release_data: ${what}`);
    this.name = 'MalformedProtocolError';
  }
}

export function mcpToolDescriptor(
  name: string,
  description: string | null,
  releaseData: unknown,
): McpToolDescriptor {
  const properties: Record<string, McpProperty> = Object.create(null) as Record<
    string,
    McpProperty
  >;
  const required: string[] = [];
  for (const node of nodesOf(releaseData)) {
    const id = field(node, 'id');
    if (typeof id !== 'string') throw new MalformedProtocolError('node without string id');
    if (id.split(':')[0] !== 'node-start') continue;
    const outputs = field(objectOr(field(node, 'data'), 'node data'), 'outputs') ?? [];
    if (!Array.isArray(outputs)) throw new MalformedProtocolError('start node outputs');
    for (const output of outputs) {
      const varName = String(textOr(field(output, 'name')));
      const schema = objectOr(field(output, 'schema'), 'output schema');
      const allowed = field(output, 'allowedFileType') ?? [];
      if (!Array.isArray(allowed)) throw new MalformedProtocolError('allowedFileType');
      const property: McpProperty = {
        type: textOr(field(schema, 'type')),
        description: textOr(field(schema, 'description')),
      };
      if (allowed.length > 0) property.fileType = allowed[0];
      properties[varName] = property;
      if (field(output, 'required')) required.push(varName);
    }
  }
  return {
    name,
    description: description ?? '',
    inputSchema: { type: 'object', properties: { ...properties }, required },
  };
}

function nodesOf(releaseData: unknown): unknown[] {
  const dsl = objectOr(field(objectOr(releaseData, 'release_data'), 'data'), 'release_data.data');
  const nodes = field(dsl, 'nodes') ?? [];
  if (!Array.isArray(nodes)) throw new MalformedProtocolError('nodes is not a list');
  return nodes;
}

/** A missing value reads as `{}` (the reference's `.get(key, {})`); another non-object fails. */
function objectOr(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new MalformedProtocolError(what);
  return value as Record<string, unknown>;
}

function field(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Missing or null descriptions/types/names become `""`. */
function textOr(value: unknown): unknown {
  return value === undefined || value === null ? '' : value;
}
