#!/usr/bin/env node
'use strict';

/**
 * `npm run bench`: builds the plugin and the playground's admin panel, runs each row of bench/rows
 * (one module per row: { id, title, target, run }), prints the table and rewrites the generated
 * part of bench/RESULTS.md. Each row starts the Strapi sites and databases it needs and stops them;
 * anything left is stopped at the end, also on Ctrl-C.
 *
 *   --quick        fewer rounds and requests (a smoke run; its numbers are rougher)
 *   --only=1,3     only these rows (RESULTS.md is then left alone)
 *   --repeat=3     run the rows that many times in a row; the ratio of each run, and whether every
 *                  run met the target, replace the bench:repeat part of RESULTS.md
 *   --no-build     reuse dist/ and playground/dist from an earlier build (for working on the bench)
 *
 * Exits 1 when a row fails to run or a correctness check fails; a missed target is reported, not
 * an error.
 */
const fs = require('node:fs');
const path = require('node:path');
const cleanup = require('./lib/cleanup');
const { buildAll } = require('./lib/build');
const { describeMachine, loadAverage } = require('./lib/machine');
const { printTable, writeResults, writeRepeats, printRepeats } = require('./lib/report');

const ROWS_DIR = path.join(__dirname, 'rows');
const RESULTS_FILE = path.join(__dirname, 'RESULTS.md');

const parseArgs = (argv) => {
  const options = { quick: false, only: null, build: true, repeat: 1 };
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length).split(',').filter(Boolean);
    else if (/^--repeat=[1-9]\d*$/.test(arg)) options.repeat = Number(arg.slice('--repeat='.length));
    else throw new Error(`unknown option ${arg} (see bench/run.js)`);
  }
  return options;
};

const loadRows = () =>
  fs
    .readdirSync(ROWS_DIR)
    .filter((file) => file.endsWith('.js'))
    .map((file) => require(path.join(ROWS_DIR, file)))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));

const runRow = async (row, bench) => {
  const started = Date.now();
  console.log(`\n=== ${row.id}. ${row.title} ===`);
  try {
    const lines = await row.run({ ...bench, log: (message) => console.log(`  [${row.id}] ${message}`) });
    console.log(`  [${row.id}] done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { row, lines };
  } catch (error) {
    console.error(`  [${row.id}] failed:`, error);
    return { row, lines: [{ error: error.message.split('\n')[0] }] };
  }
};

const main = async () => {
  const options = parseArgs(process.argv.slice(2));
  cleanup.installHandlers();
  const started = Date.now();
  const machine = describeMachine();
  const rows = loadRows().filter((row) => !options.only || options.only.includes(row.id));
  if (rows.length === 0) throw new Error(`no row matches --only=${options.only}`);

  const build = buildAll({ skip: !options.build });
  const bench = {
    quick: options.quick,
    /** How many rounds (or requests): `full` normally, `quick` with --quick. */
    rounds: (full, quick) => (options.quick ? quick : full),
    build,
  };

  const runs = [];
  for (let run = 1; run <= options.repeat; run += 1) {
    if (options.repeat > 1) console.log(`\n##### Run ${run} of ${options.repeat} #####`);
    const results = [];
    for (const row of rows) results.push(await runRow(row, bench));
    printTable(results);
    runs.push(results);
  }
  // After the last run only: the database servers the rows started are shared by every run.
  await cleanup.runAll();

  machine.loadAtEnd = loadAverage();
  const report = { machine, mode: options.quick ? 'quick' : 'full', durationMs: Date.now() - started };
  if (options.repeat > 1) {
    printRepeats(runs);
    writeRepeats(RESULTS_FILE, { ...report, runs });
    console.log(`Wrote the repeated runs into ${path.relative(process.cwd(), RESULTS_FILE)}`);
  } else if (!options.only) {
    writeResults(RESULTS_FILE, { ...report, results: runs[0] });
    console.log(`Wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  }
  const failed = runs.flat().some(({ lines }) => lines.some((line) => line.error || line.correct === false));
  process.exitCode = failed ? 1 : 0;
};

main().catch(async (error) => {
  console.error(error);
  await cleanup.runAll();
  process.exitCode = 1;
});
