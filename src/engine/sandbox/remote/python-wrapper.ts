/**
 * The program sent to a remote Python sandbox (docs/nodes.md#ifly-code): the user code, then
 * `main(**inputs)` with the inputs as JSON text decoded inside Python, the result printed
 * (strings as they are, None as None, anything else JSON-encoded with non-ASCII kept).
 * A JSON string literal is also a valid Python string literal.
 */
export function wrapPythonProgram(code: string, variables: Record<string, unknown>): string {
  const argsLiteral = JSON.stringify(JSON.stringify(variables));
  return [
    code,
    '',
    'import json as __sandbox_json',
    `output = main(**__sandbox_json.loads(${argsLiteral}))`,
    'if output is not None and not isinstance(output, str):',
    '    output = __sandbox_json.dumps(output, ensure_ascii=False)',
    'print(output)',
    '',
  ].join('\n');
}
