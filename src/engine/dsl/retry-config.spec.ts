import type { NodeDefinition } from './dsl.types';
import { retryPolicyOf } from './retry-config';

function def(retryConfig: Record<string, unknown>, outputs = OUTPUTS): NodeDefinition {
  return {
    id: 'test-call::c',
    type: 'test-call',
    alias: 'c',
    nodeType: 'Tool',
    inputs: [],
    outputs,
    nodeParam: {},
    retryConfig,
  };
}

const OUTPUTS = [
  { name: 'result', required: false, schema: { type: 'string' } },
  { name: 'n', required: false, schema: { type: 'integer', default: 7 } },
  { name: 'tags', required: false, schema: { type: 'array', items: { type: 'string' } } },
];

describe('retryConfig (docs/engine.md#retryconfig, docs/engine.md#fallback-outputs)', () => {
  it.each([
    [{}, 'non-stream', { enabled: false, timeoutMs: 60000, maxRetries: 0, strategy: 0 }],
    [
      { shouldRetry: true, maxRetries: 2, errorStrategy: 1, timeout: 5 },
      'non-stream',
      { enabled: true, timeoutMs: 5000, maxRetries: 2, strategy: 1 },
    ],
    [
      { should_retry: true, max_retries: 1, error_strategy: 2, timeout: 0.5 },
      'stream',
      { enabled: true, timeoutMs: 500, maxRetries: 1, strategy: 2, group: 'stream' },
    ],
    [{ shouldRetry: true, should_retry: false }, 'stream', { enabled: true }],
    [{ shouldRetry: true }, undefined, { enabled: false, group: null }],
  ] as const)('%p (%s)', (config, group, expected) => {
    expect(retryPolicyOf(def(config), group)).toMatchObject(expected);
  });

  it('derives the fallback output from defaults and zero values', () => {
    expect(retryPolicyOf(def({}), 'non-stream').customOutput).toEqual({
      result: '',
      n: 7,
      tags: [],
    });
  });

  it.each([
    [{ result: 'x', tags: [] }, true],
    [{ result: 'x' }, false], // tags has no default
    [{ result: 'x', n: 1, tags: ['a'] }, true],
    ['{"result": "x", "tags": []}', true],
    [{ n: 1 }, false], // result has no default
    [{ result: 'x', tags: [], other: 1 }, false],
    [{ result: 1, tags: [] }, false],
    [{ result: 'x', tags: [], n: 1.5 }, false],
    [{ result: 'x', tags: [], n: true }, false],
    [{ result: 'x', tags: [1] }, false],
  ])('customOutput %p valid: %p', (customOutput, valid) => {
    const build = () => retryPolicyOf(def({ customOutput }), 'non-stream');
    if (valid) expect(build).not.toThrow();
    else
      expect(build).toThrow(
        /^Workflow engine node protocol validation failed\(Node set output content: .* does not match format\)$/,
      );
  });
});
