import { isAppException } from '../../errors/engine-error';
import { HttpKnowledgeBase } from '../knowledge-base/http-knowledge-base';
import { HttpKnowledgePro } from './http-knowledge-pro';

// Without a configured URL the knowledge clients fail with their node's code, before any call.

async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return isAppException(error) ? [error.code, error.message] : error;
  }
  return undefined;
}

describe('knowledge clients without a URL', () => {
  const signal = new AbortController().signal;

  it('knowledge-base: 20500', async () => {
    const client = new HttpKnowledgeBase({ timeoutMs: 100 });
    const request = {
      query: 'q',
      topN: '3',
      ragType: 'CBG-RAG',
      match: { repoId: [], docIds: [], flowId: '', threshold: 0.1 },
      history: [],
    };
    expect(
      await failure(() => client.query(request, { signal, timedOut: () => false, ms: 100 })),
    ).toEqual([
      20500,
      'Knowledge base request error(Knowledge base POST request error: KNOWLEDGE_URL is not configured)',
    ]);
  });

  it('knowledge-pro-base: 20501', async () => {
    const client = new HttpKnowledgePro({ timeoutMs: 100 });
    const request = {} as Parameters<HttpKnowledgePro['chat']>[0];
    expect(
      await failure(() => client.chat(request, { signal, readTimeoutMs: 100 }, () => undefined)),
    ).toEqual([20501, 'Knowledge base node execution error(KNOWLEDGE_PRO_URL is not configured)']);
  });
});
