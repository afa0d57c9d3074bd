// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The core serves every front end, so it may never depend on one (DESIGN §5). */
const boundaryMessage = 'coach/ is the shared core: it must not import from bots/, electron/ or renderer/.';
export const coachBoundary = {
  files: ['coach/**/*.ts', 'coach/**/*.tsx'],
  rules: {
    'no-restricted-syntax': ['error', {
      selector: 'ImportExpression[source.value=/(^|\\/)(bots|electron|renderer)(\\/|$)/]',
      message: boundaryMessage,
    }],
    'no-restricted-imports': ['error', {
      patterns: [{
        regex: '(^|/)(bots|electron|renderer)(/|$)',
        message: boundaryMessage,
      }],
    }],
  },
};

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', 'coverage/**', 'test-artifacts/**', 'test/fixtures/boundary/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  coachBoundary,
);
