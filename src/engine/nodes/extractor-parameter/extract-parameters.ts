import { AppException, isAppException } from '../../errors/engine-error';
import { ErrorCode } from '../../errors/error-codes';
import type { TokenUsage } from '../../runtime/run-frame';
import { parseFencedJson } from '../../providers/llm-json';
import type { LlmProvider } from '../../providers/llm-provider';
import type { ObjectSchema } from '../../providers/schema-fixup';
import { extractionPrompt } from './extractor-prompt';

export const EXTRACTOR_FUNCTION = 'extractor_parameter';

export interface ExtractRequest {
  mode: 'prompt' | 'function-call';
  text: string;
  schema: ObjectSchema;
  instruction: string;
  questionType: string;
  provider: LlmProvider;
  frameTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface Extraction {
  /** the extracted fields as the model gave them (not yet fixed up) */
  values: Record<string, unknown>;
  /** model text (prompt mode) or the arguments JSON (function calling) */
  raw: string;
  usage: TokenUsage;
}

/**
 * Extracts typed fields from text (docs/nodes.md#extractor-parameter): a prompt asking for a fenced JSON object,
 * or a forced `extractor_parameter` function call (Spark, and native tools on OpenAI sources).
 * Provider errors keep their codes; anything the model says that is not a JSON object is 21900.
 */
export async function extractParameters(request: ExtractRequest): Promise<Extraction> {
  const functionCalling = request.mode === 'function-call';
  const result = await request.provider.chat({
    messages: [
      {
        role: 'user',
        content: functionCalling
          ? request.text
          : extractionPrompt(request.text, request.schema, request.instruction),
      },
    ],
    ...(functionCalling
      ? {
          functions: [
            {
              name: EXTRACTOR_FUNCTION,
              description: "Extract corresponding parameters based on user's question",
              parameters: request.schema as unknown as Record<string, unknown>,
            },
          ],
          functionChoice: EXTRACTOR_FUNCTION,
          questionType: request.questionType,
        }
      : { frameTimeoutMs: request.frameTimeoutMs }),
    signal: request.signal,
  });
  if (functionCalling && !result.toolCall) {
    throw new AppException(ErrorCode.SPARK_FUNCTION_NOT_CHOICE_ERROR);
  }
  const raw = functionCalling ? result.toolCall!.arguments : result.content;
  return { values: parseObject(raw, functionCalling), raw, usage: result.usage };
}

function parseObject(raw: string, functionCalling: boolean): Record<string, unknown> {
  try {
    const parsed = functionCalling ? JSON.parse(raw) : parseFencedJson(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch (error) {
    if (isAppException(error)) throw error;
  }
  throw new AppException(ErrorCode.EXTRACT_EXECUTION_ERROR, 'Model output is not a JSON object');
}
