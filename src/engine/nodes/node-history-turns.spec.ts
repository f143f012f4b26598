import type { NodeHistoryKey } from '../providers/node-history';
import type { NodeRunContext } from '../runtime/run-context';
import { appendNodeTurn, loadNodeTurns } from './node-history-turns';

// The key is the running node's thread (flow, user, node); appends carry the run's chat id.

function contextWith(chatId: string | undefined) {
  const calls: unknown[][] = [];
  const nodeHistory = {
    load: (key: NodeHistoryKey, maxTokens: number) => {
      calls.push(['load', key, maxTokens]);
      return Promise.resolve([{ role: 'user' as const, content: 'earlier' }]);
    },
    append: (key: NodeHistoryKey, chat: string, question: string, answer: string) => {
      calls.push(['append', key, chat, question, answer]);
      return Promise.resolve();
    },
  };
  const ctx = {
    node: { id: 'spark-llm::n1' },
    system: { flowId: 'f1', uid: 'u1', chatId },
    service: (name: string) => (name === 'nodeHistory' ? nodeHistory : undefined),
  } as unknown as NodeRunContext;
  return { ctx, calls };
}

const KEY = { flowId: 'f1', uid: 'u1', nodeId: 'spark-llm::n1' };

describe('node history turns', () => {
  it('loads the running node thread within the token budget', async () => {
    const { ctx, calls } = contextWith('c1');
    await expect(loadNodeTurns(ctx, 512)).resolves.toEqual([{ role: 'user', content: 'earlier' }]);
    expect(calls).toEqual([['load', KEY, 512]]);
  });

  it('appends a turn under the chat id, or an empty one when the run has none', async () => {
    const { ctx, calls } = contextWith('c1');
    await appendNodeTurn(ctx, 'q', 'a');
    const { ctx: noChat, calls: noChatCalls } = contextWith(undefined);
    await appendNodeTurn(noChat, 'q2', 'a2');
    expect(calls).toEqual([['append', KEY, 'c1', 'q', 'a']]);
    expect(noChatCalls).toEqual([['append', KEY, '', 'q2', 'a2']]);
  });
});
