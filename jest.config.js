// App tests (the Taro front end). The API has its own tests under server/.
// The app shows China Standard Time whatever the device's zone, so the tests run far from China
// (UTC-8, with daylight saving): any time read on the device's clock shows up as a wrong date or hour.
process.env.TZ = 'America/Los_Angeles';
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src', '<rootDir>/test/app'],
  testMatch: ['**/__tests__/**/*.test.[jt]s?(x)', '<rootDir>/test/app/**/*.test.[jt]s?(x)'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // The XMLHttpRequest shim of @tarojs/plugin-http (and what it imports) ships as ES modules.
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs/plugin-http|@tarojs/runtime|@tarojs/shared)/)'],
  moduleNameMapper: {
    '^@tarojs/taro$': '<rootDir>/test/app/mocks/taro.ts',
    '^@tarojs/components$': '<rootDir>/test/app/mocks/components.tsx',
    '\\.(css|scss)$': '<rootDir>/test/app/mocks/style.ts',
  },
  setupFilesAfterEnv: ['<rootDir>/test/app/setup.ts'],
  // defineConstants of config/index.ts.
  globals: { API_BASE: 'https://api.xianfeng.test' },
  clearMocks: true,
};
