'use strict';

/**
 * The Jest environment of the suites that boot Strapi: Node's, with two things of the worker's.
 *
 * Strapi is loaded once per worker by Node's loader (tests/helpers/native-strapi.ts), in the
 * worker's realm, where each test file runs in a realm of its own:
 * - A `Date` a test makes and hands to Strapi (a row's `expiresAt`, say) must be one Strapi's
 *   database layer recognises (`instanceof Date`): the test files get the worker's `Date`.
 * - Strapi reads the worker's real `process.env`, which a file's app sets (native-strapi.ts):
 *   each file starts from the worker's variables as they were before any file, so that nothing
 *   one file set reaches the next.
 */
const { TestEnvironment } = require('jest-environment-node');

/** The worker's variables before any test file: this module is loaded once per worker. */
const workerEnvironment = { ...process.env };

const resetWorkerEnvironment = () => {
  for (const name of Object.keys(process.env)) {
    if (!(name in workerEnvironment)) delete process.env[name];
  }
  Object.assign(process.env, workerEnvironment);
};

class StrapiTestEnvironment extends TestEnvironment {
  constructor(config, context) {
    // Before the file's own copy of process.env is made from the worker's.
    resetWorkerEnvironment();
    super(config, context);
    this.global.Date = Date;
  }
}

module.exports = StrapiTestEnvironment;
