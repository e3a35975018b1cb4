'use strict';

/**
 * What each phase of `npm test` cost, printed as a table at the end of the run: seconds, tests,
 * Strapi boots, and the ten slowest test files of each Jest phase. `.ci/run` adds its own steps
 * (npm ci) by writing them to the file CI_STEP_TIMES names, one `label<TAB>seconds<TAB>status` a line.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib');

const SLOWEST_SHOWN = 10;
const phases = [];
const runStarted = Date.now();

const secondsSince = (started) => (Date.now() - started) / 1000;

/**
 * Records one phase: `label`, `seconds`, and when it ran tests `passed`, `failed`, `files`
 * ([path, seconds] of each test file), `boots` (seconds of each Strapi boot); `beside` names the
 * phase it ran beside, on the other core (its seconds then do not add to the run's).
 */
const recordPhase = (phase) => phases.push(phase);

/** The phases recorded so far (a process that runs part of the run hands them to the one that prints). */
const recordedPhases = () => phases.map((phase) => ({ ...phase }));

/** Runs `fn` and records it as a phase without tests; returns what `fn` returns. */
const timedStep = (label, fn) => {
  const started = Date.now();
  try {
    return fn();
  } finally {
    recordPhase({ label, seconds: secondsSince(started) });
  }
};

/** Each test file of a Jest --json result and its seconds. */
const fileSeconds = (results) =>
  results.testResults.map((file) => {
    const { start, end } = file.perfStats ?? {};
    const ms = start && end ? end - start : (file.endTime ?? 0) - (file.startTime ?? 0);
    return [path.relative(ROOT, file.name), ms / 1000];
  });

/** The seconds of each boot written to `file` (one number of milliseconds a line), or [] without one. */
const readBoots = (file) =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((ms) => Number(ms) / 1000)
    : [];

/** The steps .ci/run timed before `npm test` started. */
const externalSteps = () => {
  const file = process.env.CI_STEP_TIMES;
  if (!file || !fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [label, seconds, status] = line.split('\t');
      return { label: `${label} (.ci/run)`, seconds: Number(seconds), status };
    });
};

const cell = (value, width) => String(value).padStart(width);

const labelOf = (phase) => (phase.beside ? `${phase.label} [beside: ${phase.beside}]` : phase.label);

const phaseRow = (phase, width) => {
  const tests = phase.passed === undefined ? '-' : `${phase.passed}`;
  // A step of .ci/run that failed counts as one failure, as in the summary line.
  const failed = phase.failed ?? (phase.status ? Number(phase.status === 'failed') : '-');
  const boots = phase.boots?.length
    ? `${phase.boots.length} (${phase.boots.reduce((sum, seconds) => sum + seconds, 0).toFixed(0)} s)`
    : '-';
  return `${labelOf(phase).padEnd(width)} ${cell(phase.seconds.toFixed(0), 7)} ${cell(tests, 6)} ${cell(failed, 6)} ${cell(boots, 14)}`;
};

const printSlowest = (phase) => {
  if (!phase.files?.length) return;
  console.log(`  ${phase.label}:`);
  const slowest = [...phase.files].sort((a, b) => b[1] - a[1]).slice(0, SLOWEST_SHOWN);
  for (const [file, seconds] of slowest) console.log(`  ${cell(seconds.toFixed(1), 8)} s  ${file}`);
};

/**
 * The table: .ci/run's steps, then this run's phases in order; the total is the wall time of
 * both (phases run beside another are in the table but not added twice).
 */
const printTimings = () => {
  const before = externalSteps();
  const all = [...before, ...phases];
  // A step of .ci/run that ran beside another (its label says so) is not added twice.
  const total =
    before.filter((step) => !/\(beside /.test(step.label)).reduce((sum, step) => sum + step.seconds, 0) +
    secondsSince(runStarted);
  console.log('\n=== Time by phase (seconds of wall time; Strapi boots: count and their summed seconds) ===');
  const width = Math.max(...all.map((phase) => labelOf(phase).length));
  console.log(
    `${'phase'.padEnd(width)} ${cell('seconds', 7)} ${cell('passed', 6)} ${cell('failed', 6)} ${cell('Strapi boots', 14)}`
  );
  for (const phase of all) console.log(phaseRow(phase, width));
  console.log(`${'total (wall)'.padEnd(width)} ${cell(total.toFixed(0), 7)}`);
  console.log('\nSlowest test files of each phase (seconds):');
  for (const phase of all) printSlowest(phase);
};

module.exports = { recordPhase, recordedPhases, timedStep, fileSeconds, readBoots, secondsSince, printTimings };
