'use strict';

/**
 * Which server suites run on MariaDB. Every suite runs on SQLite and PostgreSQL; MariaDB, the third
 * engine, runs only those whose behaviour depends on the database: seats and races, the rate-limit
 * store, the SQL of filters, searches and exports, the schema, raw SQL.
 *
 * Each file of tests/server/*.test.ts says which it is on a line of its own near its top:
 *   // @database: <what of it depends on the database>
 *   // @engine-neutral
 * tests/server/database-suites.test.ts fails for a suite that says neither, and for one marked
 * engine-neutral that touches the database layer (DATABASE_LAYER below, in the suite or in a
 * file of tests/server it imports): a new suite cannot leave MariaDB without saying so.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./lib');

const SERVER_SUITES_DIR = path.join(ROOT, 'tests/server');
const DATABASE_TAG = /^\/\/ @database: \S/m;
const NEUTRAL_TAG = /^\/\/ @engine-neutral\b/m;
/**
 * Below the query engine: knex and raw SQL, transactions, the schema, database events and
 * lifecycles. `strapi.db.query(...)` alone is not in it: every suite reads and seeds through it.
 */
const DATABASE_LAYER =
  /\bknex\b|\.raw\(|\.transaction\(|strapi\.db\.(connection|dialect|metadata|lifecycles)\b|helpers\/database'/;

/** The server suites, as paths relative to tests/server. */
const serverSuites = () =>
  fs
    .readdirSync(SERVER_SUITES_DIR)
    .filter((name) => name.endsWith('.test.ts'))
    .sort();

const sourceOf = (file) => fs.readFileSync(path.join(SERVER_SUITES_DIR, file), 'utf8');

/** The files of tests/server that `file` imports (`./rate-limit-suite`), and theirs. */
const localImports = (file, seen = new Set()) => {
  for (const [, name] of sourceOf(file).matchAll(/from '\.\/([\w.-]+)'/g)) {
    const imported = `${name}.ts`;
    if (!seen.has(imported) && fs.existsSync(path.join(SERVER_SUITES_DIR, imported))) {
      seen.add(imported);
      localImports(imported, seen);
    }
  }
  return [...seen];
};

/** Whether the suite, or a file of tests/server it imports, works below the query engine. */
const touchesDatabaseLayer = (file) => [file, ...localImports(file)].some((each) => DATABASE_LAYER.test(sourceOf(each)));

const tagOf = (file) => {
  const source = sourceOf(file);
  if (DATABASE_TAG.test(source)) return 'database';
  if (NEUTRAL_TAG.test(source)) return 'engine-neutral';
  return null;
};

/** The suites marked @database: what runs on MariaDB. */
const databaseSuites = () => serverSuites().filter((file) => tagOf(file) === 'database');

module.exports = { SERVER_SUITES_DIR, serverSuites, touchesDatabaseLayer, tagOf, databaseSuites };
