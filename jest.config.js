/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
  testMatch: ['<rootDir>/tests/server/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/global-setup.js',
  testTimeout: 60_000,
  // Each test file boots its own Strapi; a worker runs one file at a time.
  maxWorkers: 2,
};
