#!/usr/bin/env node
'use strict';

/**
 * `npm run test:quick`, the inner loop: the admin component suites and the server suites on
 * SQLite, in one Jest run against the built plugin. It builds the plugin (or compiles the
 * playground) first only when one of their sources is newer than what was built from them.
 * CONTRIBUTING says when this is enough and when `npm test` is needed. Extra arguments go to Jest.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, run, buildPlugin, compilePlayground } = require('./lib');

/** The mtimes of the files under `paths` (files or folders, relative to the root). */
const mtimes = (paths) =>
  paths.flatMap((relative) => {
    const absolute = path.join(ROOT, relative);
    if (!fs.existsSync(absolute)) return [];
    if (!fs.statSync(absolute).isDirectory()) return [fs.statSync(absolute).mtimeMs];
    return fs
      .readdirSync(absolute, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  });

/** Whether a file of `sources` is newer than the oldest file of `outputs`, or there are no outputs. */
const isStale = (sources, outputs) => {
  const built = mtimes(outputs);
  return built.length === 0 || Math.max(...mtimes(sources)) > Math.min(...built);
};

const started = Date.now();
if (isStale(['admin/src', 'server/src', 'shared'], ['dist'])) {
  console.log('dist/ is older than the sources: building the plugin');
  buildPlugin();
}
if (isStale(['playground/src', 'playground/config', 'playground/tsconfig.json'], ['playground/dist'])) {
  console.log('playground/dist is older than the playground: compiling it');
  compilePlayground();
}
// The Jest arguments first: --selectProjects would take a test path after it for a project's name.
const jest = run('jest', [...process.argv.slice(2), '--selectProjects', 'admin', 'server'], {
  allowFailure: true,
  env: { SKIP_BUILD: 'true' },
});
console.log(`test:quick took ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(jest.status ?? 1);
