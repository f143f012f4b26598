// A safe parser for Python/JSON literal text (docs/engine.md#literal-coercion): numbers, quoted strings
// (single or double quotes), True/False/None (and JSON true/false/null), lists, tuples and
// dicts. Never evaluates code. Throws SyntaxError on anything else.

export function parseLiteral(text: string): unknown {
  const parser = new LiteralParser(text);
  const value = parser.value();
  parser.skipSpace();
  if (!parser.atEnd()) throw parser.fail('unexpected trailing text');
  return value;
}

const NAMES: Record<string, unknown> = {
  True: true,
  False: false,
  None: null,
  true: true,
  false: false,
  null: null,
};

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '/': '/',
};

class LiteralParser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(reason: string): SyntaxError {
    return new SyntaxError(`${reason} at position ${this.pos}`);
  }

  skipSpace(): void {
    while (!this.atEnd() && /\s/.test(this.text[this.pos])) this.pos += 1;
  }

  value(): unknown {
    this.skipSpace();
    if (this.atEnd()) throw this.fail('unexpected end');
    const ch = this.text[this.pos];
    if (ch === '[') return this.sequence('[', ']');
    if (ch === '(') return this.sequence('(', ')');
    if (ch === '{') return this.dict();
    if (ch === '"' || ch === "'") return this.string();
    if (/[-+0-9.]/.test(ch)) return this.number();
    const name = /^[A-Za-z_]\w*/.exec(this.text.slice(this.pos));
    if (name && name[0] in NAMES) {
      this.pos += name[0].length;
      return NAMES[name[0]];
    }
    throw this.fail('malformed literal');
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > 200) throw this.fail('literal nested too deeply');
  }

  private sequence(open: string, close: string): unknown[] {
    this.enter();
    this.pos += 1;
    const items: unknown[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === close) break;
      items.push(this.value());
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos += 1;
      else if (this.text[this.pos] !== close) throw this.fail(`expected , or ${close}`);
    }
    this.pos += 1;
    this.depth -= 1;
    void open;
    return items;
  }

  private dict(): Record<string, unknown> {
    this.enter();
    this.pos += 1;
    const out: Record<string, unknown> = {};
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === '}') break;
      const key = this.value();
      if (typeof key === 'object' && key !== null) throw this.fail('unhashable key');
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw this.fail('expected :');
      this.pos += 1;
      out[typeof key === 'string' ? key : pyKey(key)] = this.value();
      this.skipSpace();
      if (this.text[this.pos] === ',') this.pos += 1;
      else if (this.text[this.pos] !== '}') throw this.fail('expected , or }');
    }
    this.pos += 1;
    this.depth -= 1;
    return out;
  }

  private string(): string {
    const quote = this.text[this.pos];
    this.pos += 1;
    let out = '';
    while (!this.atEnd()) {
      const ch = this.text[this.pos];
      if (ch === quote) {
        this.pos += 1;
        return out;
      }
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        if (next === 'u' || next === 'x') {
          const len = next === 'u' ? 4 : 2;
          const hex = this.text.slice(this.pos + 2, this.pos + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) throw this.fail('bad escape');
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 2 + len;
          continue;
        }
        out += next !== undefined && next in ESCAPES ? ESCAPES[next] : `\\${next ?? ''}`;
        this.pos += 2;
        continue;
      }
      out += ch;
      this.pos += 1;
    }
    throw this.fail('unterminated string');
  }

  private number(): number {
    const match = /^[-+]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][-+]?\d+)?/.exec(
      this.text.slice(this.pos),
    );
    if (!match) throw this.fail('malformed number');
    this.pos += match[0].length;
    const value = Number(match[0].replace(/_/g, ''));
    if (Number.isNaN(value)) throw this.fail('malformed number');
    return value;
  }
}

function pyKey(key: unknown): string {
  if (key === true) return 'True';
  if (key === false) return 'False';
  if (key === null) return 'None';
  return String(key);
}
