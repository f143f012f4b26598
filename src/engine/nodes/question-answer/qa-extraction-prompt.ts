import type { ObjectSchema } from '../../providers/schema-fixup';

// Prompt of the question-answer node's reply extraction (docs/nodes.md#question-answer), re-written from its
// documented intent. The model answers with
// {"role":"assistant","content":<request for missing fields or "">,"completed":{…},"incomplete":{…}}.

export interface DialogueTurn {
  role: 'user' | 'assistant';
  content: string;
}

export function replyExtractionPrompt(
  history: DialogueTurn[],
  schema: ObjectSchema,
  instruction: string,
  reply: string,
): string {
  return [
    'You are a structured extraction assistant in a conversation. From the dialogue and the',
    "user's latest reply, extract the fields of the structure. If required fields are still",
    'missing, ask the user politely for them in "content"; otherwise "content" is "".',
    '<histories>',
    JSON.stringify(history),
    '</histories>',
    '<instruction>',
    instruction,
    '</instruction>',
    '<structure>',
    JSON.stringify(schema),
    '</structure>',
    '<text>',
    reply,
    '</text>',
    'Answer only with:',
    '```json',
    '{"role": "assistant", "content": "", "completed": {"<field>": "<value>"}, "incomplete": {"<missing required field>": null}}',
    '```',
  ].join('\n');
}
