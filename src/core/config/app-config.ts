import { parseDatabaseUrl, DatabaseSettings } from './database-url';
import { DEFAULT_JSON_MAX_DEPTH } from '../http/json-depth';
import { readAppRegistrySettings, type AppRegistrySettings } from './app-registry-settings';
import { readBool, readEnum, readInt, readOptional, readString, readUrl } from './config.schema';
import { readHttpNodeSettings, type HttpNodeSettings } from './http-node-settings';
import { readLlmSettings, type LlmSettings } from './llm-settings';
import { readLogFormat, readLogLevel, type LogFormat, type LogLevel } from './log-settings';
import {
  readAgentNodeSettings,
  readDatabaseNodeSettings,
  readKnowledgeNodeSettings,
  readPluginNodeSettings,
  readRpaNodeSettings,
  readSubflowSettings,
  type AgentNodeSettings,
  type DatabaseNodeSettings,
  type KnowledgeNodeSettings,
  type PluginNodeSettings,
  type RpaNodeSettings,
  type SubflowSettings,
} from './node-service-settings';
import { readCodeSettings, type CodeSettings } from './sandbox-settings';
import { readFileSettings, type FileSettings } from './storage-settings';
import { readTelemetrySettings, type TelemetrySettings } from './telemetry-settings';
import { readWorkers, requireSharedRegistry } from './workers-setting';

// The settings of each part are read in their own file (`*-settings.ts`); the log types stay
// importable from here.
export { fallbackLogFormat, type LogFormat, type LogLevel } from './log-settings';

/**
 * The one validated, typed configuration object. Built once from the environment at boot
 * (`loadConfig`), injected everywhere as the `AppConfig` provider; nothing else reads
 * `process.env`.
 */
export class AppConfig {
  readonly port!: number;
  readonly host!: string;
  /** service processes behind the port (`node:cluster` when > 1; docs/deployment.md#workers) */
  readonly workers!: number;
  readonly database!: DatabaseSettings;
  /** start-up gives up (one line naming DATABASE_URL) when the database is not reached by then */
  readonly databaseConnectTimeoutMs!: number;
  /** run migrations at start-up (always true outside tests that manage their own schema) */
  readonly migrationsRun!: boolean;
  readonly redisUrl?: string;
  readonly adminToken?: string;
  readonly logLevel!: LogLevel;
  /** `pretty`: one readable line per event (default on a terminal); `json`: pino's lines */
  readonly logFormat!: LogFormat;
  readonly bodyLimit!: string;
  /** deepest array/object nesting accepted in a JSON body (deeper → 460) */
  readonly bodyMaxDepth!: number;
  readonly service!: { sub: string; location: string; runtimeEnv: string };
  readonly cacheTtlSec!: number;
  readonly files!: FileSettings;
  readonly appManagePlatform!: AppRegistrySettings;
  readonly auditEnable!: boolean;
  /** `open`: any tenant manages any flow (the gateway decides); `strict`: flows have owners */
  readonly tenancy!: 'open' | 'strict';
  /** `gateway`: trust X-Consumer-Username; `signature`: derive it from a signed request */
  readonly auth!: { mode: 'gateway' | 'signature'; signatureSkewSec: number };
  readonly shutdown!: { intervalSec: number; timeoutSec: number };
  readonly code!: CodeSettings;
  readonly databaseNode!: DatabaseNodeSettings;
  readonly subflow!: SubflowSettings;
  readonly pluginNode!: PluginNodeSettings;
  readonly agentNode!: AgentNodeSettings;
  readonly rpaNode!: RpaNodeSettings;
  readonly httpNode!: HttpNodeSettings;
  readonly knowledgeNode!: KnowledgeNodeSettings;
  readonly llm!: LlmSettings;
  /** GET /metrics and traces (docs/operations.md) */
  readonly telemetry!: TelemetrySettings;
  /** run records (docs/api.md#run-records): kept this many days; 0 records nothing */
  readonly runRecords!: { retentionDays: number };

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

/**
 * Builds and validates the configuration; throws ConfigError naming the variable (the first
 * invalid one in the order below).
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  stdoutIsTerminal = false,
): AppConfig {
  const port = readInt(env, 'PORT', readInt(env, 'SERVICE_PORT', 7880, 0, 65535), 0, 65535);
  const workers = readWorkers(env);
  const redisUrl = readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']);
  requireSharedRegistry(workers, redisUrl);
  return new AppConfig({
    port,
    host: readString(env, 'HOST', '0.0.0.0'),
    workers,
    database: parseDatabaseUrl(readString(env, 'DATABASE_URL', 'sqlite:./data/workflow.sqlite')),
    databaseConnectTimeoutMs: readInt(env, 'DB_CONNECT_TIMEOUT_MS', 10000, 1),
    migrationsRun: readBool(env, 'DB_MIGRATIONS_RUN', true),
    redisUrl,
    adminToken: readOptional(env, 'ADMIN_TOKEN'),
    logLevel: readLogLevel(env),
    logFormat: readLogFormat(env, stdoutIsTerminal),
    bodyLimit: readString(env, 'BODY_LIMIT', '10mb'),
    bodyMaxDepth: readInt(env, 'BODY_MAX_DEPTH', DEFAULT_JSON_MAX_DEPTH, 1, 1000),
    service: {
      sub: readString(env, 'SERVICE_SUB', 'spf'),
      location: readString(env, 'SERVICE_LOCATION', 'hf'),
      runtimeEnv: readString(env, 'RUNTIME_ENV', 'local'),
    },
    cacheTtlSec: readInt(env, 'REDIS_EXPIRE', 3600, 1),
    files: readFileSettings(env),
    appManagePlatform: readAppRegistrySettings(env),
    auditEnable: readBool(env, 'AUDIT_ENABLE', false),
    tenancy: readEnum(env, 'TENANCY', ['open', 'strict'] as const, 'open'),
    auth: {
      mode: readEnum(env, 'AUTH_MODE', ['gateway', 'signature'] as const, 'gateway'),
      signatureSkewSec: readInt(env, 'AUTH_SIGNATURE_SKEW_SEC', 300, 1, 3600),
    },
    shutdown: {
      intervalSec: readInt(env, 'SHUTDOWN_INTERVAL', 2, 0),
      timeoutSec: readInt(env, 'SHUTDOWN_TIMEOUT', 180, 0),
    },
    code: readCodeSettings(env),
    databaseNode: readDatabaseNodeSettings(env),
    subflow: readSubflowSettings(env),
    pluginNode: readPluginNodeSettings(env),
    agentNode: readAgentNodeSettings(env),
    rpaNode: readRpaNodeSettings(env),
    httpNode: readHttpNodeSettings(env),
    knowledgeNode: readKnowledgeNodeSettings(env),
    telemetry: readTelemetrySettings(env),
    runRecords: { retentionDays: readInt(env, 'RUN_RETENTION_DAYS', 7, 0, 3650) },
    llm: readLlmSettings(env),
  });
}

/** The configuration of this process, from its environment (the one place that reads it). */
export function loadConfigFromEnvironment(): AppConfig {
  return loadConfig(process.env, process.stdout.isTTY === true);
}
