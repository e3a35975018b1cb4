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
const { printTable, writeResults } = require('./lib/report');

const ROWS_DIR = path.join(__dirname, 'rows');
const RESULTS_FILE = path.join(__dirname, 'RESULTS.md');

const parseArgs = (argv) => {
  const options = { quick: false, only: null, build: true };
  for (const arg of argv) {
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-build') options.build = false;
    else if (arg.startsWith('--only=')) options.only = arg.slice('--only='.length).split(',').filter(Boolean);
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

  const results = [];
  for (const row of rows) results.push(await runRow(row, bench));
  await cleanup.runAll();

  machine.loadAtEnd = loadAverage();
  printTable(results);
  if (!options.only) {
    writeResults(RESULTS_FILE, { results, machine, mode: options.quick ? 'quick' : 'full', durationMs: Date.now() - started });
    console.log(`Wrote ${path.relative(process.cwd(), RESULTS_FILE)}`);
  }
  const failed = results.some(({ lines }) => lines.some((line) => line.error || line.correct === false));
  process.exitCode = failed ? 1 : 0;
};

main().catch(async (error) => {
  console.error(error);
  await cleanup.runAll();
  process.exitCode = 1;
});
