import { loadConfig } from '../../core/config/app-config';
import { PluginNodeEngineServices } from './plugin-node-engine-services';

describe('plugin node settings', () => {
  it('defaults: no gateway, 60 s deadline, 60 s schema cache', () => {
    expect(loadConfig({}).pluginNode).toEqual({
      getUrl: undefined,
      runUrl: undefined,
      timeoutMs: 60000,
      schemaTtlSec: 60,
    });
  });

  it('PLUGIN_BASE_URL gives both fixed paths; explicit URLs win', () => {
    const base = loadConfig({ PLUGIN_BASE_URL: 'http://gw:18888/' }).pluginNode;
    expect(base.getUrl).toBe('http://gw:18888/api/v1/tools/versions');
    expect(base.runUrl).toBe('http://gw:18888/api/v1/tools/http_run');
    const explicit = loadConfig({
      PLUGIN_BASE_URL: 'http://gw:18888',
      PLUGIN_RUN_URL: 'https://other/run',
    }).pluginNode;
    expect(explicit.runUrl).toBe('https://other/run');
    expect(explicit.getUrl).toBe('http://gw:18888/api/v1/tools/versions');
  });

  it('rejects a non-HTTP URL', () => {
    expect(() => loadConfig({ PLUGIN_GET_URL: 'ftp://x' })).toThrow(/PLUGIN_GET_URL/);
  });

  it('contributes the tool gateway engine service', () => {
    const services = new PluginNodeEngineServices(loadConfig({ PLUGIN_TIMEOUT_MS: '250' }));
    expect(services.services.toolGateway.timeoutMs).toBe(250);
  });
});
