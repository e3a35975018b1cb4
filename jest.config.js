const { databaseSuites } = require('./scripts/database-suites');

/** @type {import('jest').Config} */
const shared = {
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest'] },
};

/** The projects whose apps start on a copy of the run's template database (scripts/template-database.js). */
const bootsStrapi = {
  globalSetup: '<rootDir>/tests/database-setup.js',
  testEnvironment: '<rootDir>/tests/strapi-environment.js',
};

// On MariaDB scripts/test.js sets DATABASE_SUITES_ONLY=true: only the suites marked @database run there.
const serverSuites =
  process.env.DATABASE_SUITES_ONLY === 'true'
    ? databaseSuites().map((file) => `<rootDir>/tests/server/${file}`)
    : ['<rootDir>/tests/server/**/*.test.ts'];

/** @type {import('jest').Config} */
module.exports = {
  // Builds the plugin and compiles the playground once per run (SKIP_BUILD=true when already done).
  globalSetup: '<rootDir>/tests/global-setup.js',
  // Each server test file boots its own Strapi; a worker runs one file at a time.
  maxWorkers: 2,
  // Booting Strapi takes seconds; the browser suites set a longer limit of their own.
  testTimeout: 60_000,
  projects: [
    { ...shared, ...bootsStrapi, displayName: 'server', testMatch: serverSuites },
    // The hostile suite (SECURITY.md): each rule an attacker would try, on SQLite and PostgreSQL.
    {
      ...shared,
      ...bootsStrapi,
      displayName: 'security',
      testMatch: ['<rootDir>/tests/security/**/*.test.ts'],
    },
    // Real `strapi start` processes on one PostgreSQL or MariaDB database: run by scripts/test.js in its servers.
    {
      ...shared,
      ...bootsStrapi,
      displayName: 'instances',
      testMatch: ['<rootDir>/tests/instances/**/*.test.ts'],
    },
    { ...shared, displayName: 'browser', testEnvironment: 'node', testMatch: ['<rootDir>/tests/browser/**/*.test.ts'] },
    // What `npm pack` ships: run by scripts/test.js once dist/ is built.
    { ...shared, displayName: 'package', testEnvironment: 'node', testMatch: ['<rootDir>/tests/package/**/*.test.ts'] },
    // The packed plugin in a clean app of one Strapi version: run by scripts/test.js (scripts/compat.js) per version.
    { ...shared, displayName: 'compat', testEnvironment: 'node', testMatch: ['<rootDir>/tests/compat/*.test.ts'] },
    {
      displayName: 'admin',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/tests/admin/**/*.test.{ts,tsx}'],
      setupFiles: ['<rootDir>/tests/admin/jsdom-setup.ts'],
      transform: {
        '^.+\\.(t|j)sx?$': [
          '@swc/jest',
          { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
        ],
      },
    },
  ],
};
