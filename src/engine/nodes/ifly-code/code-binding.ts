import type { CodeLanguage } from '../../sandbox/code-runner';

// Parameter binding of the code node (docs/nodes.md#ifly-code): which variables `main` receives.
// Python: the parameters of the first `def main(...)`, type hints stripped (comment lines
// ignored); `**kwargs` receives every declared input. JavaScript (our extension): the names of a destructured first parameter,
// `function main({ a, b })` or `const main = ({ a, b }) => …`; a plain parameter or none
// receives every declared input.

export type MainParameters = { kind: 'named'; names: string[] } | { kind: 'all' } | undefined;

const PYTHON_MAIN = /def\s+main\s*\(([^)]*)\)\s*(?:->\s*[^:]+)?:/;
const JS_MAIN =
  /(?:function\s+main\s*\(([^)]*)\)|(?:const|let|var)\s+main\s*=\s*(?:async\s*)?(?:function\s*\(([^)]*)\)|\(([^)]*)\)\s*=>))/;

/** Splits on commas outside brackets (`Dict[str, int]` is one type hint). */
function topLevelParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if ('([{'.includes(char)) depth += 1;
    if (')]}'.includes(char)) depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

function withoutCommentLines(code: string, marker: string): string {
  return code
    .split('\n')
    .filter((line) => !line.trimStart().startsWith(marker))
    .join('\n');
}

function pythonParameters(code: string): MainParameters {
  const match = PYTHON_MAIN.exec(withoutCommentLines(code, '#'));
  if (!match) return undefined;
  const parts = topLevelParts(match[1]);
  // `def main(**kwargs)` takes whatever it is given: every declared input.
  if (parts.some((part) => part.startsWith('**'))) return { kind: 'all' };
  const names = parts
    .map((part) => part.split(':')[0].split('=')[0].trim())
    .filter((name) => /^[A-Za-z_]\w*$/.test(name));
  return { kind: 'named', names };
}

function javascriptParameters(code: string): MainParameters {
  const match = JS_MAIN.exec(withoutCommentLines(code, '//'));
  if (!match) return undefined;
  const params = (match[1] ?? match[2] ?? match[3] ?? '').trim();
  const destructured = /^\{([^}]*)\}/.exec(params);
  if (!destructured) return { kind: 'all' };
  const names = topLevelParts(destructured[1])
    .map((part) => part.split(/[:=]/)[0].trim())
    .filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
  return { kind: 'named', names };
}

/** The parameters `main` takes, or undefined when the code has no `main`. */
export function mainParameters(language: CodeLanguage, code: string): MainParameters {
  return language === 'python' ? pythonParameters(code) : javascriptParameters(code);
}
