import type { ObjectSchema } from '../../providers/schema-fixup';

// Prompt of the parameter extractor (docs/nodes.md#extractor-parameter), re-written from its documented intent:
// an extraction assistant, empty histories, the instruction, two worked examples, the JSON
// schema and the text; the answer is a JSON object in a ```json block.

export function extractionPrompt(text: string, schema: ObjectSchema, instruction: string): string {
  return [
    'You are a parameter extraction assistant. Extract the fields described by the structure',
    'from the text and answer with one well-formed JSON object in a ```json block.',
    'Leave out fields the text does not mention.',
    '<histories>',
    '</histories>',
    '<instruction>',
    instruction,
    '</instruction>',
    '<example>',
    'structure: {"type":"object","properties":{"city":{"type":"string","description":"city name"}},"required":["city"]}',
    'text: I want to fly to Paris tomorrow',
    'answer: ```json {"city": "Paris"} ```',
    '</example>',
    '<example>',
    'structure: {"type":"object","properties":{"count":{"type":"integer","description":"number of tickets"}},"required":[]}',
    'text: hello there',
    'answer: ```json {} ```',
    '</example>',
    '<structure>',
    JSON.stringify(schema),
    '</structure>',
    '<text>',
    text,
    '</text>',
  ].join('\n');
}
