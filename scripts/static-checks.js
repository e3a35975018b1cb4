'use strict';

/**
 * `npm run lint` then `npm run typecheck`, run by scripts/test.js beside the build, admin and
 * SQLite phases when STATIC_CHECKS=true (as .ci/run sets it): a background process whose output
 * goes to a file, printed when the checks end; each failed check counts as one failure in the summary line.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT } = require('./lib');

const CHECKS = ['lint', 'typecheck'];

/** Runs the checks one after the other (they share the second core with the tests) and writes their results to `resultsFile`. */
const runChecks = (resultsFile) => {
  const results = CHECKS.map((check) => {
    console.log(`=== npm run ${check} ===`);
    const started = Date.now();
    const { status } = spawnSync('npm', ['run', check], { cwd: ROOT, stdio: 'inherit' });
    return { label: `npm run ${check}`, seconds: (Date.now() - started) / 1000, passed: status === 0 };
  });
  fs.writeFileSync(resultsFile, JSON.stringify(results));
};

/**
 * Starts the checks in a process of their own, so that they run while the caller's Jest runs
 * synchronously. `finish()` resolves, once they end, to their results and their output.
 */
const startStaticChecks = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-checks-'));
  const resultsFile = path.join(dir, 'results.json');
  const logFd = fs.openSync(path.join(dir, 'output.log'), 'w');
  const child = spawn(process.execPath, [__filename, resultsFile], { cwd: ROOT, stdio: ['ignore', logFd, logFd] });
  const exited = new Promise((resolve) => {
    child.on('exit', resolve);
    child.on('error', resolve);
  });
  const finish = async () => {
    await exited;
    fs.closeSync(logFd);
    const output = fs.readFileSync(path.join(dir, 'output.log'), 'utf8');
    // A checks process that died before writing its results: both checks failed.
    const checks = fs.existsSync(resultsFile)
      ? JSON.parse(fs.readFileSync(resultsFile, 'utf8'))
      : CHECKS.map((check) => ({ label: `npm run ${check}`, seconds: 0, passed: false }));
    fs.rmSync(dir, { recursive: true, force: true });
    return { checks, output };
  };
  return { finish };
};

module.exports = { startStaticChecks };

if (require.main === module) runChecks(process.argv[2]);
