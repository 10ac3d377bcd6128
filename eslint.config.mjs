// Lint (STYLE.md): typescript-eslint's type-checked recommendations for every TypeScript file we write;
// formatting is Prettier's job (eslint-config-prettier turns off the rules that would fight it). Generated
// code is not ours to lint: `npm run contracts:check` fails when it drifts from proto/ instead.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '.cache/**', 'dist/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks a parameter a signature requires but the body does not use (gRPC handlers).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Fakes in tests implement async ports; an `async` body without `await` is the plainest way to do that.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  prettier,
);
