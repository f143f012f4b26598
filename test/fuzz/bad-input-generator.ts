import { SeededRandom } from './seeded-random';

// Malformed request bodies for the bad-input fuzz: mutations of a route's plausible body (a junk
// value at any field, a field dropped, the body itself replaced) plus texts that are not JSON,
// nesting far past the body depth limit and wrong content types.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface BadBody {
  /** what was done, for failure reports */
  kind: string;
  contentType?: string;
  /** raw bytes sent; undefined sends no body */
  payload?: string | Buffer;
}

const proto = (text: string): Json => JSON.parse(text) as Json;

/** Values of the wrong type, size or shape, put where any field was expected. */
function junkValues(): Json[] {
  return [
    null,
    0,
    -1,
    1.5,
    1e308,
    -0,
    2 ** 53 + 2,
    7381234567890123000,
    true,
    false,
    '',
    ' ',
    '\t\n',
    'x'.repeat(70_000),
    '𝕏\u0000\u202e\ud83d\ude00é中',
    '\u0000',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
    '../../etc/passwd',
    '%00%2e%2e',
    '{{AGENT_USER_INPUT}}',
    ' 7381234567890123456',
    '7381234567890123456 ',
    '-1',
    '1e5',
    'NaN',
    [],
    [null],
    [[[]]],
    ['x', 1, {}],
    {},
    { nodes: 5 },
    { nodes: [], edges: {} },
    proto('{"__proto__":{"polluted":true}}'),
    proto('{"constructor":{"prototype":{"polluted":true}}}'),
    proto('{"prototype":{"polluted":true},"toString":1,"hasOwnProperty":"x"}'),
  ];
}

const NOT_JSON = [
  '{',
  '{"a":',
  '[1,]',
  '{"a":1}}',
  'nul',
  'undefined',
  "{'a': 1}",
  '{"a":1,"a":2',
  '\u0000',
  '\ufeff{}',
  '"unterminated',
  '{"a":"\\x41"}',
  '1 2',
];

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=zzz',
  'multipart/form-data',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'application/vnd.api+json',
];

export function deepNest(depth: number, open = '[', close = ']', leaf = '0'): string {
  return open.repeat(depth) + leaf + close.repeat(depth);
}

/** Every field path of a template: object keys and array indexes, depth first. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push([...prefix, i], ...pathsOf(item, [...prefix, i]));
    });
  } else if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      out.push([...prefix, key], ...pathsOf(value[key], [...prefix, key]));
    }
  }
  return out;
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): void {
  let node = root as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  if (value === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    Object.defineProperty(node, last, { value, enumerable: true, writable: true });
  }
}

const json = (kind: string, value: Json): BadBody => ({
  kind,
  contentType: 'application/json',
  payload: JSON.stringify(value),
});

/** One malformed body for a route whose plausible body is `template`. */
export function badBody(rng: SeededRandom, template: Json): BadBody {
  const roll = rng.int(100);
  const body = structuredClone(template);
  const paths = pathsOf(body);
  if (roll < 45 && paths.length > 0) {
    const path = rng.pick(paths);
    const junk = rng.pick(junkValues());
    setAt(body, path, junk);
    return json(`field ${path.join('.')} = ${JSON.stringify(junk).slice(0, 40)}`, body);
  }
  if (roll < 55 && paths.length > 0) {
    const path = rng.pick(paths);
    setAt(body, path, undefined);
    return json(`field ${path.join('.')} dropped`, body);
  }
  if (roll < 62) return json('whole body replaced', rng.pick([...junkValues(), [template]]));
  if (roll < 70) {
    // nesting past the limit, alone or inside a field
    const depth = rng.pick([101, 150, 1000, 10_000, 50_000]);
    const nest = rng.chance(0.5) ? deepNest(depth) : deepNest(depth, '{"a":', '}');
    if (paths.length > 0 && rng.chance(0.5)) {
      const path = rng.pick(paths);
      const marker = '"__deep_marker__"';
      setAt(body, path, '__deep_marker__');
      return {
        kind: `depth ${depth} at ${path.join('.')}`,
        contentType: 'application/json',
        payload: JSON.stringify(body).replace(marker, nest),
      };
    }
    return { kind: `depth ${depth}`, contentType: 'application/json', payload: nest };
  }
  if (roll < 78) {
    const text = rng.pick(NOT_JSON);
    return {
      kind: `not JSON ${JSON.stringify(text)}`,
      contentType: 'application/json',
      payload: text,
    };
  }
  if (roll < 82) {
    const bytes = Buffer.from(Array.from({ length: 64 }, () => rng.int(256)));
    return { kind: 'random bytes', contentType: 'application/json', payload: bytes };
  }
  if (roll < 90) {
    const contentType = rng.pick(WRONG_CONTENT_TYPES);
    return { kind: `content type ${contentType}`, contentType, payload: JSON.stringify(template) };
  }
  if (roll < 94) return { kind: 'no body' };
  // prototype keys at the top level of an otherwise plausible body
  const keys = rng.pick(['__proto__', 'constructor', 'prototype']);
  const text = JSON.stringify(body);
  const inject = `"${keys}":{"polluted":true,"prototype":{"polluted":true}}`;
  const payload =
    text.startsWith('{') && text !== '{}' ? `{${inject},${text.slice(1)}` : `{${inject}}`;
  return { kind: `prototype key ${keys}`, contentType: 'application/json', payload };
}

/** Junk for a path parameter (already URL-encoded). */
export function badPathParam(rng: SeededRandom, valid: string): string {
  return rng.pick([
    `%20${valid}`,
    `${valid}%20`,
    `%09${valid}`,
    `+${valid}`,
    '-1',
    '0',
    'abc',
    '99999999999999999999999999',
    '1.5',
    '%00',
    '%E2%80%AE',
    encodeURIComponent('𝕏中'),
    'a'.repeat(300),
    '__proto__',
    'constructor',
    '%25',
    'null',
    valid,
  ]);
}
