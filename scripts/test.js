#!/usr/bin/env node
'use strict';

/**
 * The test command (`npm test`, also what .ci/run calls): runs the Jest suites (whose global setup
 * builds the plugin and compiles the playground) and ends with the line `N passed, N failed`.
 *
 *   npm test                         all suites on SQLite
 *   npm test -- tests/server/race    only the files matching a pattern
 *   DATABASE_CLIENT=postgres npm test   the server suites on PostgreSQL (see .ci/run)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, run } = require('./lib');

const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-jest-')), 'results.json');

const jest = run('jest', ['--json', `--outputFile=${summaryFile}`, ...process.argv.slice(2)], {
  cwd: ROOT,
  allowFailure: true,
});

let passed = 0;
let failed = 0;
if (fs.existsSync(summaryFile)) {
  const results = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
}
if (passed + failed === 0 && jest.status !== 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
