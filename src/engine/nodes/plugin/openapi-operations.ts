import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { isPlainObject } from '../../values/values';
import type { ToolOperation } from './tool-gateway';

// The gateway's schema answer (`data.tools[]`, each with an OpenAPI 3 document as a JSON
// string) flattened to operations by operationId (docs/nodes.md#plugin).

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

function pluginError(detail: string): AppException {
  return new AppException(ErrorCode.PLUGIN_NODE_EXECUTION_ERROR, detail);
}

/** Every operation of every tool, in answer order (the first of a duplicate operationId wins). */
export function toolOperations(tools: unknown): ToolOperation[] {
  if (!Array.isArray(tools)) throw pluginError('data.tools is not a list');
  const operations: ToolOperation[] = [];
  for (const tool of tools) {
    if (!isPlainObject(tool)) throw pluginError('a tool entry is not an object');
    if (tool.id === undefined || tool.id === null) {
      throw new AppException(ErrorCode.SPARK_LINK_TOOL_NOT_EXIST_ERROR, 'Tool ID is empty');
    }
    const document = parseDocument(tool.schema);
    const paths = isPlainObject(document.paths) ? document.paths : {};
    for (const pathItem of Object.values(paths)) {
      if (!isPlainObject(pathItem)) continue;
      for (const [method, schema] of Object.entries(pathItem)) {
        if (!METHODS.has(method.toLowerCase()) || !isPlainObject(schema)) continue;
        const operationId = typeof schema.operationId === 'string' ? schema.operationId : '';
        operations.push({ toolId: String(tool.id), operationId, schema });
      }
    }
  }
  return operations;
}

function parseDocument(schema: unknown): Record<string, unknown> {
  if (schema === undefined || schema === null) return {};
  let document: unknown = schema;
  if (typeof schema === 'string') {
    try {
      document = JSON.parse(schema);
    } catch {
      throw pluginError('tool schema is not valid JSON');
    }
  }
  if (!isPlainObject(document)) throw pluginError('tool schema is not a JSON object');
  return document;
}
