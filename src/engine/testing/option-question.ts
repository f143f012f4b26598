import type { InterruptEventData } from '../runtime/run-frame';

/**
 * The `value` of a question-answer node's option interrupt as clients see it
 * (docs/engine.md#the-pause): the question, then each option `id: text` as a text option, in
 * the order given.
 */
export function optionQuestion(
  question: string,
  options: Readonly<Record<string, string>>,
): InterruptEventData['value'] {
  return {
    type: 'option',
    content: question,
    option: Object.entries(options).map(([id, text]) => ({ id, text, content_type: 'text' })),
  };
}
