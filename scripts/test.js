#!/usr/bin/env node
'use strict';

/**
 * The test command (`npm test`, also what .ci/run calls). Runs, in order:
 *   0. the package suites (what `npm pack` ships, the README's install snippets) and the admin
 *      panel's component suites (jsdom), in one Jest run;
 *   1. the server suites and the hostile security suites (tests/security), on SQLite, in one Jest run;
 *   2. the same server and security suites on PostgreSQL, in a private cluster started here (needs Debian's
 *      `postgresql`), with the suites that start several Strapi processes on one database (tests/instances),
 *      in one Jest run;
 *   3. phase 2 again on MariaDB, in a private server started here (needs Debian's `mariadb-server`),
 *      the server suites only those marked @database (scripts/database-suites.js) and not the
 *      security suites;
 *   5. the browser suites, against the playground started for real (needs Debian's `chromium`);
 *   6. the packed plugin, installed from its tarball into clean apps of the oldest Strapi of its
 *      peer range and of the current one, each checked by the smoke suite (scripts/compat.js; needs
 *      `chromium` too). The tarball is packed first of all (its `prepack` is the plugin's build),
 *      and the apps are installed and built in a process of their own beside phases 3 and 5.
 * and ends with the line `N passed, N failed` (`, N skipped` when a phase could not run).
 *
 * With STATIC_CHECKS=true (.ci/run), `npm run lint` and `npm run typecheck` run beside the build
 * and phases 0 and 1, and each that fails counts as one failure.
 *
 * A phase whose system package is missing is skipped with a note, unless CI=true: then it fails.
 * Extra arguments go to Jest, e.g. `npm test -- tests/server/race`.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { run, buildAdminPanel, compilePlayground } = require('./lib');
const { COMPAT_VERSIONS, packPlugin, runCompatibility, startCompatibilitySetup } = require('./compat');
const { databaseSuites } = require('./database-suites');
const { startServer: startMariadb } = require('./mariadb');
const { startCluster: startPostgres } = require('./postgres');
const { startStaticChecks } = require('./static-checks');
const { fileSeconds, printTimings, readBoots, recordPhase, secondsSince, timedStep } = require('./timings');

const STRICT = process.env.CI === 'true';
// .ci/run sets it: lint and typecheck run beside the build and the SQLite phase, on the second core.
const STATIC_CHECKS = process.env.STATIC_CHECKS === 'true';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const totals = { passed: 0, failed: 0, skipped: 0 };

/** Runs the Jest `projects` (one name or a list, in one Jest run) as the phase `label`. */
const runJest = (label, projects, env = {}) => {
  console.log(`\n=== ${label} ===`);
  const started = Date.now();
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-jest-'));
  const summaryFile = path.join(outputDir, 'results.json');
  const bootLog = path.join(outputDir, 'boots.txt');
  const args = ['--selectProjects', ...[projects].flat(), '--passWithNoTests', '--json', `--outputFile=${summaryFile}`];
  const jest = run('jest', [...args, ...process.argv.slice(2)], {
    allowFailure: true,
    env: { SKIP_BUILD: 'true', STRAPI_BOOT_LOG: bootLog, ...env },
  });
  if (!fs.existsSync(summaryFile)) {
    totals.failed += 1;
    recordPhase({ label, seconds: secondsSince(started), passed: 0, failed: 1 });
    return;
  }
  const results = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  // A file that failed before running any test (a boot error) counts as one failure.
  const brokenFiles = results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0);
  let failed = results.numFailedTests + brokenFiles.length;
  if (jest.status !== 0 && failed === 0) failed = 1;
  totals.passed += results.numPassedTests;
  totals.failed += failed;
  const seconds = secondsSince(started);
  recordPhase({ label, seconds, passed: results.numPassedTests, failed, files: fileSeconds(results), boots: readBoots(bootLog) });
  fs.rmSync(outputDir, { recursive: true, force: true });
  console.log(`${label}: ${results.numPassedTests} passed, ${failed} failed (${Math.round(seconds)} s)`);
};

const skipPhase = (label, reason) => {
  console.log(`\n=== ${label}: ${STRICT ? 'FAILED' : 'skipped'} (${reason}) ===`);
  if (STRICT) totals.failed += 1;
  else totals.skipped += 1;
};

/** A phase that could not run its tests (its app did not install, say) counts as one failure. */
const failPhase = (label, error) => {
  console.error(error);
  console.log(`\n=== ${label}: FAILED (${error.message.split('\n')[0]}) ===`);
  totals.failed += 1;
};

/** Runs `phase`; if it throws (a server that does not start, a build that fails), it fails alone and the next phases still run. */
const guarded = (label, phase) => {
  try {
    phase();
  } catch (error) {
    failPhase(label, error);
  }
};

/**
 * Runs `phases` ([label, Jest projects] pairs) against a database server that `start` starts and
 * that is stopped afterwards; skips them, saying why, when `start` finds no server installed.
 */
const inDatabaseServer = (start, missingNote, phases, env = {}) => {
  const labels = phases.map(([label]) => label).join(', ');
  guarded(labels, () => {
    const server = start();
    if (!server) {
      for (const [label] of phases) skipPhase(label, missingNote);
      return;
    }
    try {
      for (const [label, projects] of phases) runJest(label, projects, { ...server.env, ...env });
    } finally {
      server.stop();
    }
  });
};

/**
 * Runs `phase` (synchronous), with lint and typecheck beside it when STATIC_CHECKS=true; then
 * prints their output and counts each failed check as one failure.
 */
const besideStaticChecks = async (label, phase) => {
  if (!STATIC_CHECKS) {
    phase();
    return;
  }
  const staticChecks = startStaticChecks();
  try {
    phase();
  } finally {
    const { checks, output } = await staticChecks.finish();
    console.log(`\n${output}`);
    for (const check of checks) {
      console.log(`=== ${check.label}: ${check.passed ? 'passed' : 'FAILED'} ===`);
      if (!check.passed) totals.failed += 1;
      recordPhase({ label: check.label, seconds: check.seconds, failed: Number(!check.passed), beside: label });
    }
  }
};

/** Minutes of installs: run only with no Jest arguments, or with ones that name tests/compat. */
const compatSelected = () => {
  const jestArguments = process.argv.slice(2);
  return jestArguments.length === 0 || jestArguments.some((argument) => argument.includes('compat'));
};

/** The phases the compatibility setup runs beside, on the cores they leave idle (database waits, builds). */
const COMPAT_BESIDE = 'the MariaDB, admin build and browser phases';

const runPhases = async () => {
  let tarball;
  // From the build on: the checks still count when the build fails and stops the run.
  await besideStaticChecks('build, admin and SQLite phases', () => {
    timedStep('Plugin build (npm pack: its prepack builds dist/), playground compile', () => {
      tarball = packPlugin();
      compilePlayground();
    });
    runJest('Package suites (packed files, README install) and admin component suites', ['package', 'admin']);
    runJest('Server and security suites on SQLite', ['server', 'security']);
  });

  inDatabaseServer(startPostgres, 'PostgreSQL is not installed: apt-get install postgresql', [
    ['Server, security and several-instances suites on PostgreSQL', ['server', 'security', 'instances']],
  ]);

  const compatibility = compatSelected() && fs.existsSync(CHROMIUM) ? startCompatibilitySetup(tarball) : null;
  console.log(`\nOn MariaDB, the server suites marked @database (scripts/database-suites.js): ${databaseSuites().join(', ')}`);
  inDatabaseServer(
    startMariadb,
    'MariaDB is not installed: apt-get install mariadb-server',
    [['Server suites marked @database and several-instances suites on MariaDB', ['server', 'instances']]],
    { DATABASE_SUITES_ONLY: 'true' }
  );

  if (fs.existsSync(CHROMIUM)) {
    guarded('Browser suites', () => {
      timedStep('Admin panel build (playground)', () => buildAdminPanel());
      runJest('Browser suites', 'browser', { CHROMIUM_PATH: CHROMIUM });
    });
  } else {
    skipPhase('Browser suites', `no Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  }

  if (compatibility) {
    await runCompatibility({
      setup: compatibility,
      beside: COMPAT_BESIDE,
      runSuite: (label, env) => runJest(label, 'compat', { CHROMIUM_PATH: CHROMIUM, ...env }),
      failPhase,
    });
  } else if (!compatSelected()) {
    console.log('\n=== Compatibility phase: not run, the Jest arguments select other suites ===');
  } else {
    skipPhase(
      `Compatibility: packed plugin on Strapi ${COMPAT_VERSIONS.join(' / ')}`,
      `no Chromium at ${CHROMIUM}: its smoke suite opens the admin panel`
    );
  }
};

const main = async () => {
  try {
    await runPhases();
  } catch (error) {
    // A build or a database cluster that fails still ends with the summary line.
    console.error(error);
    totals.failed += 1;
  }
  printTimings();
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
  process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
};

main();
