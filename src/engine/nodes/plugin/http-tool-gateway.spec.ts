import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpToolGateway } from './http-tool-gateway';
import type { CallLimit } from '../call-limit';

// Failures that need no gateway at all: nothing listening, nothing configured.

const limit = (ms = 1000): CallLimit => {
  const timer = AbortSignal.timeout(ms);
  return { signal: timer, timedOut: () => timer.aborted, ms };
};
const lookup = { appId: 'a', toolId: 't', version: 'V1.0', operationId: 'op' };

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('HttpToolGateway failures', () => {
  it('a gateway that is down is 21810', async () => {
    const port = await closedPort();
    const gateway = new HttpToolGateway({
      getUrl: `http://127.0.0.1:${port}/api/v1/tools/versions`,
      timeoutMs: 1000,
      schemaTtlMs: 0,
    });
    const failure = gateway.operation(lookup, limit());
    await expect(failure).rejects.toMatchObject({ code: 21810 });
    await expect(failure).rejects.toThrow(
      /^Tool request failed, connection error\(fetch failed: connect ECONNREFUSED/,
    );
  });

  it('an unconfigured gateway is 23400 naming the setting', async () => {
    const gateway = new HttpToolGateway({ timeoutMs: 1000, schemaTtlMs: 0 });
    const failure = gateway.operation(lookup, limit());
    await expect(failure).rejects.toMatchObject({ code: 23400 });
    await expect(failure).rejects.toThrow(
      'Plugin node execution failed(PLUGIN_GET_URL is not configured)',
    );
  });
});
