import { AppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { NodeRunContext } from '../../runtime/run-context';
import { historyMessages, trimHistory } from '../../providers/chat-history';
import type { HistoryItem } from '../../runtime/history-item';
import type { LlmMessage } from '../../providers/llm-provider';
import type { LlmBaseParams } from '../../providers/llm-node-params';
import { loadNodeTurns } from '../node-history-turns';

// Message assembly of LLM nodes (docs/nodes.md#llm-parameters): [image?, system?, ...history, user].

export interface AssembledMessages {
  messages: LlmMessage[];
  /** the history that was sent, shown as `inputs.chatHistory` */
  history?: readonly unknown[];
}

export interface AssembleOptions {
  base: LlmBaseParams;
  system: string;
  user: string;
  /** SYSTEM_IMAGE input (URL), if any */
  imageUrl?: string;
  /** Spark domains that take an image */
  imageDomains: readonly string[];
  fetchImage?: (url: string, signal: AbortSignal) => Promise<string>;
}

export async function assembleMessages(
  ctx: NodeRunContext,
  options: AssembleOptions,
): Promise<AssembledMessages> {
  const { base } = options;
  const systemMessage: LlmMessage | undefined = options.system.trim()
    ? { role: 'system', content: options.system }
    : undefined;
  const userMessage: LlmMessage = { role: 'user', content: options.user };
  const openai = base.connection.source === 'openai';
  const imageDomain = options.imageDomains.includes(base.connection.domain);
  let imageUrl = options.imageUrl || undefined;
  let history: LlmMessage[] = [];
  let shown: readonly unknown[] | undefined;

  if (base.historyV2.enabled) {
    let items: HistoryItem[] = trimHistory(
      [...ctx.history],
      base.historyV2.rounds,
      base.connection.maxTokens,
      systemMessage,
      userMessage,
    );
    const leadingImage = items[0]?.content_type === 'image' ? items[0] : undefined;
    if (leadingImage && (openai || imageDomain)) {
      // OpenAI sources drop it; Spark image models take it as the image when none is given
      if (!openai && !imageUrl) imageUrl = leadingImage.content;
      items = items.slice(1);
    }
    history = historyMessages(items);
    shown = items;
  } else if (base.nodeHistory && !imageDomain) {
    history = await loadNodeTurns(ctx, base.connection.maxTokens);
    shown = history;
  }

  const messages: LlmMessage[] = [];
  if (imageUrl && (openai || imageDomain)) {
    // OpenAI takes the URL itself; Spark wants the image's base64 content
    const content = openai ? imageUrl : await downloadImage(options, imageUrl, ctx.signal);
    messages.push({ role: 'user', content, contentType: 'image' });
  }
  if (systemMessage) messages.push(systemMessage);
  messages.push(...history, userMessage);
  return { messages, history: shown };
}

async function downloadImage(
  options: AssembleOptions,
  url: string,
  signal: AbortSignal,
): Promise<string> {
  try {
    if (options.fetchImage) return await options.fetchImage(url, signal);
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer()).toString('base64');
  } catch (error) {
    if (signal.aborted) throw error;
    throw new AppException(ErrorCode.LLM_NODE_EXECUTION_ERROR);
  }
}
