// Lint: the recommended JavaScript and TypeScript rules; layout is Prettier's (npm run format), so the
// rules that would argue with it are off. Generated code and build output are skipped.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier/flat';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-load/',
      'dist-bench/',
      'dist-scripts/',
      'node_modules/',
      'test/generated/',
      '.data/',
      'coverage/',
      'src/dashboard/gql/',
      'test-output/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  prettier,
);
