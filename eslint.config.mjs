import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      '.scratch*/**',
      '*.js',
      '*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-imports': ['error', { paths: ['vm', 'node:vm'] }],
    },
  },
  {
    // outside the engine, only its public face (src/engine/index.ts) and its test face
    // (src/engine/testing) may be imported
    files: ['**/*.ts'],
    ignores: ['src/engine/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vm', 'node:vm'],
          patterns: [
            {
              group: ['**/engine/*', '!**/engine/testing', '**/engine/testing/*'],
              message: "Import the engine's public face (src/engine) or src/engine/testing.",
            },
          ],
        },
      ],
    },
  },
  {
    // the engine is the lowest layer: plain TypeScript that reaches neither Nest nor the service
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vm', 'node:vm'],
          patterns: [
            { group: ['@nestjs/*'], message: 'The engine does not import Nest.' },
            {
              group: ['**/core/**', '**/modules/**'],
              message: 'The engine does not import the service (src/core, src/modules).',
            },
          ],
        },
      ],
    },
  },
  {
    // small CommonJS helper scripts (build-if-needed, sandbox child runners)
    files: ['scripts/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // the admin console: plain ES modules run by the browser (docs/console.md)
    files: ['console/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'location',
          'sessionStorage',
          'fetch',
          'Node',
          'URLSearchParams',
          'TextDecoderStream',
          'HashChangeEvent',
          'queueMicrotask',
          'FormData',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
