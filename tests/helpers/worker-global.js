'use strict';

// Loaded once per Jest worker by Node's loader (tests/helpers/native-strapi.ts), where each test
// file has a global and a `process` of its own: the worker's, which Strapi's modules see.
module.exports = { workerGlobal: globalThis, workerProcess: process };
