import { parseDatabaseUrl, DatabaseSettings } from './database-url';
import { DEFAULT_JSON_MAX_DEPTH } from '../http/json-depth';
import { readBool, readEnum, readInt, readOptional, readString, readUrl } from './config.schema';
import { readWorkers, requireSharedRegistry } from './workers-setting';

const DEFAULT_FILE_TYPES =
  'pdf,png,jpg,jpeg,bmp,doc,docx,ppt,pptx,xls,xlsx,csv,txt,wav,mp3,flac,m4a,aac,ogg,wma,midi';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFormat = 'pretty' | 'json';

/**
 * The log format when the configuration as a whole could not be read (a start-up failure must
 * still be written in the operator's format): `LOG_FORMAT` if valid, else by the terminal.
 */
export function fallbackLogFormat(
  env: NodeJS.ProcessEnv = process.env,
  stdoutIsTerminal = process.stdout.isTTY === true,
): LogFormat {
  const given = env.LOG_FORMAT;
  if (given === 'json' || given === 'pretty') return given;
  return stdoutIsTerminal ? 'pretty' : 'json';
}

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
  readonly files!: {
    supportedTypes: string[];
    sizeLimit: number;
    storage: 'local' | 's3';
    localDir: string;
    publicBaseUrl?: string;
    s3: {
      endpoint?: string;
      accessKey?: string;
      secretKey?: string;
      bucket: string;
      downloadHost?: string;
      region: string;
    };
  };
  readonly appManagePlatform!: {
    appListUrl?: string;
    appDetailsUrl?: string;
    key?: string;
    secret?: string;
    timeoutMs: number;
  };
  readonly auditEnable!: boolean;
  /** `open`: any tenant manages any flow (the gateway decides); `strict`: flows have owners */
  readonly tenancy!: 'open' | 'strict';
  /** `gateway`: trust X-Consumer-Username; `signature`: derive it from a signed request */
  readonly auth!: { mode: 'gateway' | 'signature'; signatureSkewSec: number };
  readonly shutdown!: { intervalSec: number; timeoutSec: number };
  readonly code!: {
    execType: 'local' | 'ifly';
    execUrl?: string;
    timeoutSec: number;
    pythonPoolSize: number;
    jsPoolSize: number;
    /** resident size (MB) past which a Python sandbox process is killed or recycled */
    pythonMaxRssMb: number;
    /** `process`: a Python sandbox serves one tenant (code owner); `shared`: any */
    pythonTenantIsolation: 'process' | 'shared';
    /** never-used Python sandbox processes kept warm for a tenant's first run */
    pythonSpares: number;
    /** per caller: Python sandbox processes starting at once, distinct keys per minute */
    pythonStartsPerCaller: number;
    pythonTenantsPerMinute: number;
  };
  /** database node (docs/nodes.md#database): remote service URL or embedded database */
  readonly databaseNode!: {
    pgsqlUrl?: string;
    embeddedUrl?: string;
    timeoutMs: number;
    maxRows: number;
  };
  /** flow node (docs/nodes.md#flow): sub-flow nesting limit; remote chat route when set */
  /** `remoteAuth`: how a remote sub-flow call authenticates (`bearer`: the app's key and secret,
   * `consumer`: `X-Consumer-Username`, for a service behind the same trusted gateway) */
  readonly subflow!: { maxDepth: number; url?: string; remoteAuth: 'bearer' | 'consumer' };
  /** plugin node (docs/nodes.md#plugin): tool gateway endpoints, call deadline, schema cache */
  readonly pluginNode!: {
    getUrl?: string;
    runUrl?: string;
    timeoutMs: number;
    schemaTtlSec: number;
  };
  /** agent node (docs/nodes.md#agent): agent service URL, whole-call and connect deadlines */
  readonly agentNode!: { url?: string; timeoutMs: number; connectTimeoutMs: number };
  /** rpa node (docs/nodes.md#rpa): RPA executor base URL, whole-call and connect deadlines */
  readonly rpaNode!: { baseUrl?: string; timeoutMs: number; connectTimeoutMs: number };
  /** http-request node (docs/nodes.md#http-request): outbound guard exceptions and limits */
  readonly httpNode!: {
    allowHosts: string[];
    timeoutMs: number;
    maxResponseBytes: number;
    maxRedirects: number;
  };
  /** knowledge-base / knowledge-pro-base nodes (docs/nodes.md#knowledge-base): service URLs, limits */
  readonly knowledgeNode!: {
    url?: string;
    timeoutMs: number;
    proUrl?: string;
    proReadTimeoutMs: number;
  };
  readonly llm!: {
    requestTimeoutMs: number;
    /** base of Spark URLs for legacy domains when a node has no url */
    sparkHost: string;
    /** Spark domains that take an image (SYSTEM_IMAGE input) */
    imageDomains: string[];
    /** Spark "quick think": thinking off for these flows or apps on these models */
    quickThink: { flowIds: string[]; appIds: string[]; models: string[] };
  };

  /** GET /metrics (docs/operations.md): optional bearer token; traces over OTLP/HTTP JSON when
   * an endpoint is set */
  readonly telemetry!: { metricsToken?: string; otlpEndpoint?: string; serviceName: string };

  /** run records (docs/api.md#run-records): kept this many days; 0 records nothing */
  readonly runRecords!: { retentionDays: number };

  constructor(values: AppConfig) {
    Object.assign(this, values);
  }
}

/** A comma-separated list, trimmed, empty items dropped. */
function readList(
  env: Record<string, string | undefined>,
  name: string,
  fallback: string,
): string[] {
  return readString(env, name, fallback)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * A service endpoint: its full URL variable, else its `*_BASE_URL` (newer deployments) + the
 * service's fixed path; the base is read only when the full URL is not set.
 */
function serviceUrl(
  env: Record<string, string | undefined>,
  urlName: string,
  baseName: string,
  path: string,
): string | undefined {
  const url = readUrl(env, urlName, ['http:', 'https:']);
  if (url !== undefined) return url;
  const base = readUrl(env, baseName, ['http:', 'https:']);
  return base ? `${base.replace(/\/+$/, '')}${path}` : undefined;
}

/** Builds and validates the configuration; throws ConfigError naming the variable. */
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
    logLevel: readEnum(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: readEnum(
      env,
      'LOG_FORMAT',
      ['pretty', 'json'] as const,
      stdoutIsTerminal ? 'pretty' : 'json',
    ),
    bodyLimit: readString(env, 'BODY_LIMIT', '10mb'),
    bodyMaxDepth: readInt(env, 'BODY_MAX_DEPTH', DEFAULT_JSON_MAX_DEPTH, 1, 1000),
    service: {
      sub: readString(env, 'SERVICE_SUB', 'spf'),
      location: readString(env, 'SERVICE_LOCATION', 'hf'),
      runtimeEnv: readString(env, 'RUNTIME_ENV', 'local'),
    },
    cacheTtlSec: readInt(env, 'REDIS_EXPIRE', 3600, 1),
    files: {
      supportedTypes: readString(env, 'SUPPORT_FILE_TYPE', DEFAULT_FILE_TYPES)
        .split(',')
        .map((t) => t.trim().toLowerCase())
        .filter(Boolean),
      sizeLimit: readInt(env, 'FILE_SIZE_LIMIT', 52428800, 1),
      storage: readEnum(env, 'OSS_TYPE', ['local', 's3'] as const, 'local'),
      localDir: readString(env, 'FILE_STORAGE_DIR', './data/files'),
      publicBaseUrl: readUrl(env, 'PUBLIC_BASE_URL', ['http:', 'https:']),
      s3: {
        endpoint: readUrl(env, 'OSS_ENDPOINT', ['http:', 'https:']),
        accessKey: readOptional(env, 'OSS_ACCESS_KEY_ID'),
        secretKey: readOptional(env, 'OSS_ACCESS_KEY_SECRET'),
        bucket: readString(env, 'OSS_BUCKET_NAME', 'workflow'),
        downloadHost: readUrl(env, 'OSS_DOWNLOAD_HOST', ['http:', 'https:']),
        region: readString(env, 'OSS_REGION', 'us-east-1'),
      },
    },
    appManagePlatform: {
      appListUrl: readUrl(env, 'APP_MANAGE_PLAT_APP_LIST', ['http:', 'https:']),
      appDetailsUrl: readUrl(env, 'APP_MANAGE_PLAT_APP_DETAILS', ['http:', 'https:']),
      key: readOptional(env, 'APP_MANAGE_PLAT_KEY'),
      secret: readOptional(env, 'APP_MANAGE_PLAT_SECRET'),
      timeoutMs: readInt(env, 'APP_MANAGE_PLAT_TIMEOUT_MS', 10000, 1),
    },
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
    code: {
      execType: readEnum(env, 'CODE_EXEC_TYPE', ['local', 'ifly'] as const, 'local'),
      execUrl: readUrl(env, 'CODE_EXEC_URL', ['http:', 'https:']),
      timeoutSec: readInt(env, 'CODE_EXEC_TIMEOUT_SEC', 10, 1),
      pythonPoolSize: readInt(env, 'CODE_PYTHON_POOL_SIZE', 2, 1, 64),
      jsPoolSize: readInt(env, 'CODE_JS_POOL_SIZE', 2, 1, 64),
      pythonMaxRssMb: readInt(env, 'CODE_PYTHON_MAX_RSS_MB', 512, 256, 4096),
      pythonTenantIsolation: readEnum(
        env,
        'CODE_PYTHON_TENANT_ISOLATION',
        ['process', 'shared'] as const,
        'process',
      ),
      pythonSpares: readInt(env, 'CODE_PYTHON_SPARES', 1, 0, 8),
      pythonStartsPerCaller: readInt(env, 'CODE_PYTHON_STARTS_PER_CALLER', 4, 1, 64),
      pythonTenantsPerMinute: readInt(env, 'CODE_PYTHON_TENANTS_PER_MINUTE', 20, 1, 10_000),
    },
    databaseNode: {
      pgsqlUrl: serviceUrl(env, 'PGSQL_URL', 'PGSQL_BASE_URL', '/xingchen-db/v1/exec_dml'),
      embeddedUrl: readUrl(env, 'DATABASE_NODE_URL', [
        'postgres:',
        'postgresql:',
        'mysql:',
        'mariadb:',
      ]),
      timeoutMs: readInt(env, 'DATABASE_NODE_TIMEOUT_MS', 60000, 1),
      maxRows: readInt(env, 'DATABASE_NODE_MAX_ROWS', 1000, 1),
    },
    subflow: {
      maxDepth: readInt(env, 'SUBFLOW_MAX_DEPTH', 5, 1, 50),
      remoteAuth: readEnum(env, 'SUBFLOW_REMOTE_AUTH', ['bearer', 'consumer'] as const, 'bearer'),
      url: serviceUrl(
        env,
        'WORKFLOW_URL_SSE',
        'WORKFLOW_BASE_URL',
        '/workflow/v1/chat/completions',
      ),
    },
    pluginNode: {
      getUrl: serviceUrl(env, 'PLUGIN_GET_URL', 'PLUGIN_BASE_URL', '/api/v1/tools/versions'),
      runUrl: serviceUrl(env, 'PLUGIN_RUN_URL', 'PLUGIN_BASE_URL', '/api/v1/tools/http_run'),
      timeoutMs: readInt(env, 'PLUGIN_TIMEOUT_MS', 60000, 1),
      schemaTtlSec: readInt(env, 'PLUGIN_SCHEMA_TTL_SEC', 60, 0),
    },
    agentNode: {
      url: serviceUrl(env, 'AGENT_API_URL', 'AGENT_BASE_URL', '/agent/v1/custom/chat/completions'),
      timeoutMs: readInt(env, 'AGENT_TIMEOUT_MS', 30 * 60_000, 1),
      connectTimeoutMs: readInt(env, 'AGENT_CONNECT_TIMEOUT_MS', 30_000, 1),
    },
    rpaNode: {
      baseUrl: readUrl(env, 'RPA_BASE_URL', ['http:', 'https:']),
      timeoutMs: readInt(env, 'RPA_TIMEOUT_MS', 24 * 3_600_000, 1),
      connectTimeoutMs: readInt(env, 'RPA_CONNECT_TIMEOUT_MS', 30_000, 1),
    },
    httpNode: {
      allowHosts: readList(env, 'HTTP_NODE_ALLOW_HOSTS', '').map((h) => h.toLowerCase()),
      timeoutMs: readInt(env, 'HTTP_NODE_TIMEOUT_MS', 30000, 1, 600000),
      maxResponseBytes: readInt(env, 'HTTP_NODE_MAX_RESPONSE_BYTES', 1048576, 1),
      maxRedirects: readInt(env, 'HTTP_NODE_MAX_REDIRECTS', 3, 0, 10),
    },
    knowledgeNode: {
      url: serviceUrl(env, 'KNOWLEDGE_URL', 'KNOWLEDGE_BASE_URL', '/knowledge/v1/chunk/query'),
      timeoutMs: readInt(env, 'KNOWLEDGE_TIMEOUT_MS', 60000, 1),
      proUrl: serviceUrl(
        env,
        'KNOWLEDGE_PRO_URL',
        'KNOWLEDGE_PRO_BASE_URL',
        '/knowledge/v1/agent/achat',
      ),
      proReadTimeoutMs: readInt(env, 'KNOWLEDGE_PRO_READ_TIMEOUT_MS', 120000, 1),
    },
    telemetry: {
      metricsToken: readOptional(env, 'METRICS_TOKEN'),
      otlpEndpoint: readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']),
      serviceName: readString(env, 'OTEL_SERVICE_NAME', 'astron-workflow'),
    },
    runRecords: { retentionDays: readInt(env, 'RUN_RETENTION_DAYS', 7, 0, 3650) },
    llm: {
      requestTimeoutMs: readInt(env, 'LLM_REQUEST_TIMEOUT_MS', 120000, 1),
      sparkHost: readUrl(env, 'SPARK_HOST', ['ws:', 'wss:']) ?? 'ws://spark-api.xf-yun.com',
      imageDomains: readList(env, 'SPARK_IMAGE_MODEL_DOMAIN', 'image,imagev3'),
      quickThink: {
        flowIds: readList(env, 'QUICKLY_THINK_FLOW_IDS', ''),
        appIds: readList(env, 'QUICKLY_THINK_APPS', ''),
        models: readList(env, 'QUICKLY_THINK_MODELS', ''),
      },
    },
  });
}

/** The configuration of this process, from its environment (the one place that reads it). */
export function loadConfigFromEnvironment(): AppConfig {
  return loadConfig(process.env, process.stdout.isTTY === true);
}
