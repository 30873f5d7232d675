import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Only main.ts (the composition root) and cli.ts may read the environment.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through loadConfig(env) in main.ts/cli.ts.' }],
    },
  },
  { files: ['src/main.ts', 'src/cli.ts', 'test/**', 'bench/**', '.ci/**', 'scripts/**'], rules: { 'no-restricted-properties': 'off' } },
);
