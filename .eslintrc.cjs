/* ESLint for the whole repository: the Taro app (React + TS), the API, mocks and scripts. */
const CHINA_TIME = 'Read times in China time with src/utils/china-time.ts (the device may be in any zone).';
// Date methods that read the device's zone.
const DEVICE_ZONE_METHODS =
  '/^(getFullYear|getYear|getMonth|getDate|getDay|getHours|getMinutes|getSeconds|getTimezoneOffset|toLocaleString|toLocaleDateString|toLocaleTimeString|toDateString|toTimeString)$/';

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
    {
      // Times are shown, parsed and compared on China's clock (UTC+8), never the device's: only
      // src/utils/china-time.ts may read a date's fields or import dayjs.
      files: ['src/**/*.{ts,tsx}'],
      excludedFiles: ['src/utils/china-time.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: [{ name: 'dayjs', message: CHINA_TIME }],
            patterns: [{ group: ['dayjs/*'], message: CHINA_TIME }],
          },
        ],
        'no-restricted-syntax': [
          'error',
          { selector: "NewExpression[callee.name='Date']", message: CHINA_TIME },
          { selector: `CallExpression[callee.property.name=${DEVICE_ZONE_METHODS}]`, message: CHINA_TIME },
          { selector: "MemberExpression[object.name='Intl'][property.name='DateTimeFormat']", message: CHINA_TIME },
        ],
      },
    },
    { files: ['**/*.test.{ts,tsx}', 'test/**', '**/__tests__/**'], env: { jest: true } },
    {
      files: ['*.js', '*.cjs'],
      rules: { '@typescript-eslint/no-require-imports': 'off', '@typescript-eslint/no-var-requires': 'off' },
    },
  ],
  ignorePatterns: ['node_modules/', 'dist/', 'data/', 'coverage/', 'e2e/artifacts/', '*.d.ts'],
};
