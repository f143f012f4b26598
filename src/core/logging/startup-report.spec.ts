import { loadConfig } from '../config/app-config';
import { ConfigError } from '../config/config.schema';
import { StartupError } from '../config/startup-error';
import { describeStartupFailure, listeningLine } from './startup-report';

const listen = { host: '0.0.0.0', port: 8080 };

function systemError(code: string): Error {
  return Object.assign(new Error(`listen ${code}: whatever`), { code });
}

describe('start-up report', () => {
  it('names the store kinds in the listening line, never a credential', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://root:pw@db:5432/wf',
      REDIS_URL: 'redis://:pw@cache:6379',
      OSS_TYPE: 's3',
      HOST: '10.0.0.5',
    });
    expect(listeningLine(config, 7880)).toBe(
      'listening on http://10.0.0.5:7880 (database postgres, storage s3, registry redis)',
    );
    expect(listeningLine(loadConfig({}), 7880)).toBe(
      'listening on http://0.0.0.0:7880 (database sqlite, storage local, registry memory)',
    );
  });

  it('words the failures an operator fixes, naming the variable', () => {
    expect(describeStartupFailure(systemError('EADDRINUSE'), listen)).toBe(
      'port 8080 is in use (PORT)',
    );
    expect(describeStartupFailure(systemError('EACCES'), listen)).toMatch(/^port 8080 .*\(PORT\)$/);
    expect(describeStartupFailure(systemError('EADDRNOTAVAIL'), listen)).toMatch(/\(HOST\)$/);
    expect(describeStartupFailure(new ConfigError('OSS_ENDPOINT', 'is required'))).toBe(
      'Invalid configuration: OSS_ENDPOINT is required',
    );
    expect(describeStartupFailure(new StartupError('cannot reach … (DATABASE_URL)'))).toBe(
      'cannot reach … (DATABASE_URL)',
    );
  });

  it('leaves anything else to be reported with its stack', () => {
    expect(describeStartupFailure(new TypeError('x is undefined'), listen)).toBeUndefined();
    expect(describeStartupFailure(systemError('EADDRINUSE'))).toBeUndefined();
  });
});
