'use strict';

/**
 * The app the bench's sites run: the compiled playground plus one content type of the bench's own,
 * `api::bench-entry.bench-entry` (a unique `code`, in bench/site/), for row 2's reference (a plain
 * content-API lookup of one entry by a unique field, what a site would write instead of the plugin).
 * The demo and the tests never see that type. Made under bench/.tmp/ (inside the repository, so that
 * its modules resolve from the repository's node_modules) once per run, and removed at the end.
 */
const fs = require('node:fs');
const path = require('node:path');
const { PLAYGROUND } = require('../../scripts/lib');
const cleanup = require('./cleanup');

const APP_DIR = path.join(__dirname, '../.tmp/site');
const SCHEMA = path.join(__dirname, '../site/bench-entry.schema.json');
const UID = 'api::bench-entry.bench-entry';

/** Strapi's core controller, router and service, as a generated API has them. */
const CORE_MODULES = {
  controllers: "module.exports = require('@strapi/strapi').factories.createCoreController('api::bench-entry.bench-entry');\n",
  routes: "module.exports = require('@strapi/strapi').factories.createCoreRouter('api::bench-entry.bench-entry');\n",
  services: "module.exports = require('@strapi/strapi').factories.createCoreService('api::bench-entry.bench-entry');\n",
};

const writeBenchEntryApi = (apiDir) => {
  const typeDir = path.join(apiDir, 'content-types/bench-entry');
  fs.mkdirSync(typeDir, { recursive: true });
  fs.copyFileSync(SCHEMA, path.join(typeDir, 'schema.json'));
  for (const [kind, source] of Object.entries(CORE_MODULES)) {
    fs.mkdirSync(path.join(apiDir, kind), { recursive: true });
    fs.writeFileSync(path.join(apiDir, kind, 'bench-entry.js'), source);
  }
};

let made = false;
/** The bench app's directory, made on first call from the playground as built for this run. */
const benchApp = () => {
  if (made) return APP_DIR;
  fs.rmSync(APP_DIR, { recursive: true, force: true });
  fs.mkdirSync(path.join(APP_DIR, 'dist'), { recursive: true });
  cleanup.register('bench app', () => fs.rmSync(APP_DIR, { recursive: true, force: true }));
  for (const file of ['package.json', 'tsconfig.json']) fs.copyFileSync(path.join(PLAYGROUND, file), path.join(APP_DIR, file));
  fs.cpSync(path.join(PLAYGROUND, 'public'), path.join(APP_DIR, 'public'), { recursive: true });
  for (const part of ['config', 'src']) {
    fs.cpSync(path.join(PLAYGROUND, 'dist', part), path.join(APP_DIR, 'dist', part), { recursive: true });
  }
  // The admin panel as built for this run: served, never changed.
  fs.symlinkSync(path.join(PLAYGROUND, 'dist/build'), path.join(APP_DIR, 'dist/build'));
  writeBenchEntryApi(path.join(APP_DIR, 'dist/src/api/bench-entry'));
  made = true;
  return APP_DIR;
};

module.exports = { benchApp, BENCH_ENTRY_UID: UID };
