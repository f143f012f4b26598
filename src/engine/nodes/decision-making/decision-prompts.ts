// Prompts of the decision node (docs/nodes.md#decision-making), re-written from their documented intent.

export interface Intent {
  id: string;
  name: string;
  description: string;
  /** 1 = the default intent, 2 = a normal intent */
  intentType: number;
}

export const DEFAULT_CATEGORY = 'DEFAULT';

const DEFAULT_INSTRUCTION =
  'Classify text based on user input and provided classification information';

/** Prompt mode: a classification engine prompt carrying the intents as JSON. */
export function classificationPrompt(
  inputText: string,
  intents: Intent[],
  promptPrefix: string,
): string {
  const request = {
    input_text: inputText,
    categories: intents.map((intent) =>
      intent.intentType === 1
        ? {
            category_id: intent.id,
            category_name: DEFAULT_CATEGORY,
            category_desc: 'The default intent, chosen when no other category matches',
          }
        : { category_id: intent.id, category_name: intent.name, category_desc: intent.description },
    ),
    classification_instructions: [promptPrefix || DEFAULT_INSTRUCTION],
  };
  return [
    'You are a text classification engine. Analyse the input text and assign it to exactly one',
    'of the given categories, following the classification instructions; you may extract keywords.',
    '<histories>',
    '</histories>',
    'Input (JSON):',
    JSON.stringify(request),
    'Answer with nothing but this JSON, naming the chosen category:',
    '```json',
    '{"category_name": ""}',
    '```',
  ].join('\n');
}

/** Normal mode: pick a "plugin" by name or DEFAULT, answering in a markdown JSON block. */
export function routingPrompt(inputText: string, intents: Intent[], promptPrefix: string): string {
  const candidates = intents
    .filter((intent) => intent.intentType !== 1)
    .map((intent) => `${intent.name}: ${intent.description}`);
  const body = [
    'Given the user input, choose the plugin best suited to handle it.',
    'Candidate plugins, one per line as "name: description":',
    ...candidates,
    `If none fits, choose ${DEFAULT_CATEGORY}.`,
    'Answer with a markdown JSON block:',
    '```json',
    `{"destination": "<plugin name or ${DEFAULT_CATEGORY}>", "next_inputs": "<the user input>"}`,
    '```',
    'User input:',
    inputText,
    'Your answer must start with ```json',
  ].join('\n');
  return `${promptPrefix}\n${body}`;
}
