import { loadConfig } from './app-config';
import { ConfigError } from './config.schema';

describe('loadConfig', () => {
  it('applies the embedded defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(7880);
    expect(config.database).toEqual({ type: 'sqlite', url: './data/workflow.sqlite' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.files.storage).toBe('local');
    expect(config.files.supportedTypes).toContain('pdf');
    expect(config.service).toEqual({ sub: 'spf', location: 'hf', runtimeEnv: 'local' });
  });

  it.each([
    [{ PORT: '9000' }, 9000],
    [{ SERVICE_PORT: '9100' }, 9100],
    [{ PORT: '9000', SERVICE_PORT: '9100' }, 9000],
  ])('reads the port from %j', (env, port) => {
    expect(loadConfig(env).port).toBe(port);
  });

  it.each([
    ['postgres://u@h:5432/db', 'postgres'],
    ['postgresql://u@h/db', 'postgres'],
    ['mysql://root@h:3306/db', 'mysql'],
    ['mariadb://root@h:3306/db', 'mysql'],
    ['sqlite::memory:', 'sqlite'],
  ])('parses DATABASE_URL %s', (url, type) => {
    expect(loadConfig({ DATABASE_URL: url }).database.type).toBe(type);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'oracle://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ AUDIT_ENABLE: 'maybe' }, 'AUDIT_ENABLE'],
    [{ OSS_TYPE: 'ftp' }, 'OSS_TYPE'],
    [{ FILE_SIZE_LIMIT: '-1' }, 'FILE_SIZE_LIMIT'],
  ])('fails fast on %j naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(variable);
  });

  it('logs pretty on a terminal and JSON otherwise unless LOG_FORMAT says', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'yaml' })).toThrow(
      'Invalid configuration: LOG_FORMAT must be one of pretty, json, got "yaml"',
    );
  });

  it('reads DB_CONNECT_TIMEOUT_MS (default 10 s)', () => {
    expect(loadConfig({}).databaseConnectTimeoutMs).toBe(10000);
    expect(loadConfig({ DB_CONNECT_TIMEOUT_MS: '1500' }).databaseConnectTimeoutMs).toBe(1500);
    expect(() => loadConfig({ DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
  });
  it('reads the metrics token and the OTLP settings', () => {
    expect(loadConfig({}).telemetry).toEqual({
      metricsToken: undefined,
      otlpEndpoint: undefined,
      serviceName: 'astron-workflow',
    });
    const env = {
      METRICS_TOKEN: 's3cret',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'wf-eu',
    };
    expect(loadConfig(env).telemetry).toEqual({
      metricsToken: 's3cret',
      otlpEndpoint: 'http://collector:4318',
      serviceName: 'wf-eu',
    });
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
