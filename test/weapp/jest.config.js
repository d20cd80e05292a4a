// Render tests of the built mini-program (test/weapp/README.md). Not part of `npx jest`
// (the app tests): they need dist/weapp, which `npm run test:weapp` builds.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../..',
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test/weapp'],
  testMatch: ['<rootDir>/test/weapp/**/*.test.ts'],
  transform: { '^.+\\.ts$': 'babel-jest' },
  // The built bundles are required as they are; only the tests and the harness are compiled.
  transformIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120_000,
};
