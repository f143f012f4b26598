import { hasPlainKeysOnly } from '../../../core/http/fast-body';

// The fast path of `ChatRequestDto` (see core/http/fast-body.ts): the bodies the full pipe
// accepts unchanged, as the chat routes mostly get them. Each test below is at least as strict
// as the DTO's decorators; whatever fails one goes through class-validator instead.

const ROLES: readonly unknown[] = ['user', 'assistant'];
const CONTENT_TYPES: readonly unknown[] = ['text', 'image', 'audio'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isPlainObject = (value: unknown): value is Json =>
  isObject(value) && Object.getPrototypeOf(value) === Object.prototype;

/** absent or null (the DTO's default), or a string of at most `max` UTF-16 units */
const optionalString = (value: unknown, max = Infinity) =>
  value === undefined || value === null || (typeof value === 'string' && value.length <= max);

/**
 * The fields of a `ChatRequestDto` for `body`, or undefined when the full pipe must look.
 * `item` makes an empty `HistoryItemDto` (its defaults set).
 */
export function chatRequestFields(body: unknown, item: () => object): Json | undefined {
  if (!isPlainObject(body) || !hasPlainKeysOnly(body)) return undefined;
  const { flow_id, uid, stream, ext, parameters, chat_id, history, version } = body;
  if (typeof flow_id !== 'string' || !isObject(parameters)) return undefined;
  if (!optionalString(uid, 40) || !optionalString(chat_id, 128) || !optionalString(version)) {
    return undefined;
  }
  if (!(stream === undefined || stream === null || typeof stream === 'boolean')) return undefined;
  if (!(ext === undefined || ext === null || isObject(ext))) return undefined;
  const items = history === undefined || history === null ? [] : historyItems(history, item);
  if (!items) return undefined;
  // what the DTO's `null` → default transforms give; an absent key keeps the instance default
  const fields: Json = { flow_id, parameters, history: items };
  if (uid !== undefined) fields.uid = uid ?? '';
  if (stream !== undefined) fields.stream = stream ?? true;
  if (ext !== undefined) fields.ext = ext ?? {};
  if (chat_id !== undefined) fields.chat_id = chat_id ?? '';
  if (version !== undefined) fields.version = version ?? '';
  return fields;
}

function historyItems(history: unknown, item: () => object): object[] | undefined {
  if (!Array.isArray(history)) return undefined;
  const items: object[] = [];
  for (const turn of history) {
    if (!isPlainObject(turn)) return undefined;
    const { role, content, content_type } = turn;
    if (!ROLES.includes(role) || typeof content !== 'string') return undefined;
    // `null` is allowed and kept (the field is optional, with no null → default transform)
    if (
      content_type !== undefined &&
      content_type !== null &&
      !CONTENT_TYPES.includes(content_type)
    ) {
      return undefined;
    }
    const fields: Json = { role, content };
    if (content_type !== undefined) fields.content_type = content_type;
    items.push(Object.assign(item(), fields));
  }
  return items;
}
