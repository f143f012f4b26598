import { loadConfig } from '../../core/config/app-config';
import { KnowledgeNodeEngineServices } from './knowledge-node-engine-services';

describe('knowledge node settings', () => {
  it('defaults: no services, 60 s call deadline, 120 s stream read wait', () => {
    expect(loadConfig({}).knowledgeNode).toEqual({
      url: undefined,
      timeoutMs: 60000,
      proUrl: undefined,
      proReadTimeoutMs: 120000,
    });
  });

  it('*_BASE_URL gives the fixed paths; explicit URLs win', () => {
    const base = loadConfig({
      KNOWLEDGE_BASE_URL: 'http://kb:10007/',
      KNOWLEDGE_PRO_BASE_URL: 'http://kb:10007',
    }).knowledgeNode;
    expect(base.url).toBe('http://kb:10007/knowledge/v1/chunk/query');
    expect(base.proUrl).toBe('http://kb:10007/knowledge/v1/agent/achat');
    const explicit = loadConfig({
      KNOWLEDGE_BASE_URL: 'http://kb:10007',
      KNOWLEDGE_URL: 'https://other/query',
      KNOWLEDGE_PRO_URL: 'https://other/achat',
    }).knowledgeNode;
    expect(explicit.url).toBe('https://other/query');
    expect(explicit.proUrl).toBe('https://other/achat');
  });

  it('rejects a non-HTTP URL and a zero timeout', () => {
    expect(() => loadConfig({ KNOWLEDGE_URL: 'ftp://x' })).toThrow(/KNOWLEDGE_URL/);
    expect(() => loadConfig({ KNOWLEDGE_TIMEOUT_MS: '0' })).toThrow(/KNOWLEDGE_TIMEOUT_MS/);
  });

  it('contributes both engine services', () => {
    const services = new KnowledgeNodeEngineServices(
      loadConfig({ KNOWLEDGE_TIMEOUT_MS: '250', KNOWLEDGE_PRO_READ_TIMEOUT_MS: '300' }),
    ).services;
    expect(services.knowledgeBase.timeoutMs).toBe(250);
    expect(services.knowledgePro.readTimeoutMs).toBe(300);
  });
});
