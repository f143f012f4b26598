import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import { TtlCache } from '../../support/ttl-cache';
import { isPlainObject } from '../../values/values';
import { callJsonObject } from '../json-call';
import { gatewayRefused } from './gateway-codes';
import { toolOperations } from './openapi-operations';
import { encodePart } from './request-parts';
import type { CallLimit } from '../call-limit';
import type { ToolGateway, ToolLookup, ToolOperation, ToolRun } from './tool-gateway';

// The tool gateway over HTTP (docs/nodes.md#plugin): `GET {getUrl}` for a tool's OpenAPI
// schema, `POST {runUrl}` to run one operation. Schemas are cached per (app, tool, version)
// for `schemaTtlMs` instead of fetched on every run; a failed or empty answer is not cached.

export interface HttpToolGatewayOptions {
  readonly getUrl?: string;
  readonly runUrl?: string;
  readonly timeoutMs: number;
  /** 0 turns the schema cache off */
  readonly schemaTtlMs: number;
  readonly now?: () => number;
}

function pluginError(detail: string): AppException {
  return new AppException(ErrorCode.PLUGIN_NODE_EXECUTION_ERROR, detail);
}

export class HttpToolGateway implements ToolGateway {
  private readonly schemas?: TtlCache<ToolOperation[]>;

  constructor(private readonly options: HttpToolGatewayOptions) {
    if (options.schemaTtlMs > 0) {
      this.schemas = new TtlCache(options.schemaTtlMs, 1000, options.now);
    }
  }

  get timeoutMs(): number {
    return this.options.timeoutMs;
  }

  async operation(lookup: ToolLookup, limit: CallLimit): Promise<ToolOperation | undefined> {
    const key = JSON.stringify([lookup.appId, lookup.toolId, lookup.version]);
    let operations = this.schemas?.get(key);
    if (!operations) {
      operations = await this.fetchOperations(lookup, limit);
      if (operations.length > 0) this.schemas?.set(key, operations);
    }
    return operations.find((op) => op.operationId === lookup.operationId);
  }

  private async fetchOperations(lookup: ToolLookup, limit: CallLimit): Promise<ToolOperation[]> {
    const url = new URL(required(this.options.getUrl, 'PLUGIN_GET_URL'));
    url.searchParams.append('app_id', lookup.appId);
    url.searchParams.append('tool_ids', lookup.toolId);
    url.searchParams.append('versions', lookup.version);
    const answer = await call(url, { method: 'GET' }, limit);
    // the reference reads a non-zero code as "no tools" (the node then finds no operation)
    if (answer.code !== 0) return [];
    const data = isPlainObject(answer.data) ? answer.data : {};
    return toolOperations(data.tools ?? []);
  }

  async run(request: ToolRun, limit: CallLimit): Promise<unknown> {
    const url = required(this.options.runUrl, 'PLUGIN_RUN_URL');
    const message: Record<string, string> = {};
    for (const part of ['header', 'query', 'path', 'body'] as const) {
      const encoded = encodePart(request.parts[part]);
      if (encoded !== undefined) message[part] = encoded;
    }
    const body = {
      header: { app_id: request.appId },
      parameter: {
        tool_id: request.operation.toolId,
        operation_id: request.operation.operationId,
        version: request.version,
      },
      payload: { message },
    };
    const answer = await call(url, { method: 'POST', body: JSON.stringify(body) }, limit);
    const header = isPlainObject(answer.header) ? answer.header : undefined;
    if (!header) throw pluginError('gateway answer has no header');
    if (header.code !== 0) throw gatewayRefused(header.code, header.message);
    const payload = isPlainObject(answer.payload) ? answer.payload : {};
    const text = isPlainObject(payload.text) ? payload.text.text : undefined;
    if (typeof text !== 'string') throw pluginError('gateway answer has no payload.text.text');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw pluginError('tool result is not JSON');
    }
  }
}

function required(url: string | undefined, name: string): string {
  if (!url) throw pluginError(`${name} is not configured`);
  return url;
}

/** One JSON call: transport failures and the deadline are 21810, a non-JSON answer 23400. */
function call(
  url: URL | string,
  init: { method: string; body?: string },
  limit: CallLimit,
): Promise<Record<string, unknown>> {
  return callJsonObject(url, init, limit, { transport: connectionError, answer: pluginError });
}

function connectionError(detail: string): AppException {
  return new AppException(ErrorCode.SPARK_LINK_CONNECTION_ERROR, detail);
}
