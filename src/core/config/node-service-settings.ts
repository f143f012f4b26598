import { readEnum, readInt, readUrl } from './config.schema';
import { serviceUrl } from './service-url';

// The services the nodes call (docs/nodes.md): where they are and how long a call may take.

type Env = Record<string, string | undefined>;

/** database node (docs/nodes.md#database): remote service URL or embedded database */
export interface DatabaseNodeSettings {
  pgsqlUrl?: string;
  embeddedUrl?: string;
  timeoutMs: number;
  maxRows: number;
}

export function readDatabaseNodeSettings(env: Env): DatabaseNodeSettings {
  return {
    pgsqlUrl: serviceUrl(env, 'PGSQL_URL', 'PGSQL_BASE_URL', '/xingchen-db/v1/exec_dml'),
    embeddedUrl: readUrl(env, 'DATABASE_NODE_URL', [
      'postgres:',
      'postgresql:',
      'mysql:',
      'mariadb:',
    ]),
    timeoutMs: readInt(env, 'DATABASE_NODE_TIMEOUT_MS', 60000, 1),
    maxRows: readInt(env, 'DATABASE_NODE_MAX_ROWS', 1000, 1),
  };
}

/**
 * flow node (docs/nodes.md#flow): sub-flow nesting limit; remote chat route when set.
 * `remoteAuth`: how a remote sub-flow call authenticates (`bearer`: the app's key and secret,
 * `consumer`: `X-Consumer-Username`, for a service behind the same trusted gateway)
 */
export interface SubflowSettings {
  maxDepth: number;
  url?: string;
  remoteAuth: 'bearer' | 'consumer';
}

export function readSubflowSettings(env: Env): SubflowSettings {
  return {
    maxDepth: readInt(env, 'SUBFLOW_MAX_DEPTH', 5, 1, 50),
    remoteAuth: readEnum(env, 'SUBFLOW_REMOTE_AUTH', ['bearer', 'consumer'] as const, 'bearer'),
    url: serviceUrl(env, 'WORKFLOW_URL_SSE', 'WORKFLOW_BASE_URL', '/workflow/v1/chat/completions'),
  };
}

/** plugin node (docs/nodes.md#plugin): tool gateway endpoints, call deadline, schema cache */
export interface PluginNodeSettings {
  getUrl?: string;
  runUrl?: string;
  timeoutMs: number;
  schemaTtlSec: number;
}

export function readPluginNodeSettings(env: Env): PluginNodeSettings {
  return {
    getUrl: serviceUrl(env, 'PLUGIN_GET_URL', 'PLUGIN_BASE_URL', '/api/v1/tools/versions'),
    runUrl: serviceUrl(env, 'PLUGIN_RUN_URL', 'PLUGIN_BASE_URL', '/api/v1/tools/http_run'),
    timeoutMs: readInt(env, 'PLUGIN_TIMEOUT_MS', 60000, 1),
    schemaTtlSec: readInt(env, 'PLUGIN_SCHEMA_TTL_SEC', 60, 0),
  };
}

/** agent node (docs/nodes.md#agent): agent service URL, whole-call and connect deadlines */
export interface AgentNodeSettings {
  url?: string;
  timeoutMs: number;
  connectTimeoutMs: number;
}

export function readAgentNodeSettings(env: Env): AgentNodeSettings {
  return {
    url: serviceUrl(env, 'AGENT_API_URL', 'AGENT_BASE_URL', '/agent/v1/custom/chat/completions'),
    timeoutMs: readInt(env, 'AGENT_TIMEOUT_MS', 30 * 60_000, 1),
    connectTimeoutMs: readInt(env, 'AGENT_CONNECT_TIMEOUT_MS', 30_000, 1),
  };
}

/** rpa node (docs/nodes.md#rpa): RPA executor base URL, whole-call and connect deadlines */
export interface RpaNodeSettings {
  baseUrl?: string;
  timeoutMs: number;
  connectTimeoutMs: number;
}

export function readRpaNodeSettings(env: Env): RpaNodeSettings {
  return {
    baseUrl: readUrl(env, 'RPA_BASE_URL', ['http:', 'https:']),
    timeoutMs: readInt(env, 'RPA_TIMEOUT_MS', 24 * 3_600_000, 1),
    connectTimeoutMs: readInt(env, 'RPA_CONNECT_TIMEOUT_MS', 30_000, 1),
  };
}

/** knowledge-base / knowledge-pro-base nodes (docs/nodes.md#knowledge-base): service URLs, limits */
export interface KnowledgeNodeSettings {
  url?: string;
  timeoutMs: number;
  proUrl?: string;
  proReadTimeoutMs: number;
}

export function readKnowledgeNodeSettings(env: Env): KnowledgeNodeSettings {
  return {
    url: serviceUrl(env, 'KNOWLEDGE_URL', 'KNOWLEDGE_BASE_URL', '/knowledge/v1/chunk/query'),
    timeoutMs: readInt(env, 'KNOWLEDGE_TIMEOUT_MS', 60000, 1),
    proUrl: serviceUrl(
      env,
      'KNOWLEDGE_PRO_URL',
      'KNOWLEDGE_PRO_BASE_URL',
      '/knowledge/v1/agent/achat',
    ),
    proReadTimeoutMs: readInt(env, 'KNOWLEDGE_PRO_READ_TIMEOUT_MS', 120000, 1),
  };
}
