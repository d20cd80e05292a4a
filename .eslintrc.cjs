/* ESLint for the whole repository: the Taro app (React + TS), the API, mocks and scripts. */
module.exports = {
  root: true,
  parser: '@typescript-eslint/parser',
  parserOptions: { ecmaVersion: 2022, sourceType: 'module', ecmaFeatures: { jsx: true } },
  plugins: ['@typescript-eslint', 'react-hooks'],
  extends: [
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:react-hooks/recommended',
    'prettier',
  ],
  env: { es2022: true, node: true },
  rules: {
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    'no-console': 'off',
  },
  overrides: [
    { files: ['src/**/*.{ts,tsx}'], env: { browser: true, node: false } },
    { files: ['**/*.test.{ts,tsx}', 'test/**', '**/__tests__/**'], env: { jest: true } },
    {
      files: ['*.js', '*.cjs'],
      rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-var-requires': 'off' },
    },
  ],
  ignorePatterns: ['node_modules/', 'dist/', 'data/', 'coverage/', 'e2e/artifacts/', '*.d.ts'],
};
