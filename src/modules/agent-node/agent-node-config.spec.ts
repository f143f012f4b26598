import { loadConfig } from '../../core/config/app-config';
import { RpaNodeEngineServices } from '../rpa-node/rpa-node-engine-services';
import { AgentNodeEngineServices } from './agent-node-engine-services';

describe('agent and rpa node settings', () => {
  it('defaults: no service, 30 min / 24 h whole-call and 30 s connect deadlines', () => {
    const config = loadConfig({});
    expect(config.agentNode).toEqual({
      url: undefined,
      timeoutMs: 1_800_000,
      connectTimeoutMs: 30_000,
    });
    expect(config.rpaNode).toEqual({
      baseUrl: undefined,
      timeoutMs: 86_400_000,
      connectTimeoutMs: 30_000,
    });
  });

  it('AGENT_BASE_URL gives the fixed path; AGENT_API_URL wins', () => {
    expect(loadConfig({ AGENT_BASE_URL: 'http://agent:17870/' }).agentNode.url).toBe(
      'http://agent:17870/agent/v1/custom/chat/completions',
    );
    expect(
      loadConfig({ AGENT_BASE_URL: 'http://agent:17870', AGENT_API_URL: 'https://a/chat' })
        .agentNode.url,
    ).toBe('https://a/chat');
  });

  it('rejects a non-HTTP URL and a zero deadline', () => {
    expect(() => loadConfig({ AGENT_API_URL: 'ws://x' })).toThrow(/AGENT_API_URL/);
    expect(() => loadConfig({ RPA_BASE_URL: 'ftp://x' })).toThrow(/RPA_BASE_URL/);
    expect(() => loadConfig({ RPA_TIMEOUT_MS: '0' })).toThrow(/RPA_TIMEOUT_MS/);
  });

  it('contributes the agentService and rpaService engine services', () => {
    const config = loadConfig({
      AGENT_API_URL: 'http://a/chat',
      AGENT_CONNECT_TIMEOUT_MS: '250',
      RPA_BASE_URL: 'http://rpa:9000',
      RPA_TIMEOUT_MS: '5000',
    });
    expect(new AgentNodeEngineServices(config).services.agentService).toEqual({
      url: 'http://a/chat',
      timeoutMs: 1_800_000,
      connectTimeoutMs: 250,
    });
    expect(new RpaNodeEngineServices(config).services.rpaService).toEqual({
      baseUrl: 'http://rpa:9000',
      timeoutMs: 5000,
      connectTimeoutMs: 30_000,
    });
  });
});
