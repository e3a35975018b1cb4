'use strict';

/**
 * A database the playground has booted on once, made before the server, security and instances
 * suites run (a Jest globalSetup of their projects). Each test app then starts on a copy of it (a
 * file copy on SQLite, `CREATE DATABASE ... TEMPLATE` on PostgreSQL: tests/helpers/database.ts),
 * so its boot finds every table made instead of creating the schema, which is about half of a boot.
 * The copy is what a site's second start sees; the first start is still the template's own boot.
 *
 * MariaDB has no database templates (`CREATE TABLE ... LIKE` leaves the foreign keys out), and a
 * PostgreSQL schema other than public is made per suite: suites there start on an empty database.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { PLAYGROUND, freshAppSecrets, run } = require('./lib');

/** The variables that name the template to the test helpers. */
const TEMPLATE_FILE = 'INVITATIONS_TEST_TEMPLATE_FILE';
const TEMPLATE_DATABASE = 'INVITATIONS_TEST_TEMPLATE_DATABASE';

/** Boots the playground once in a process of its own, on the database `databaseEnv` names, then stops it. */
const bootOnce = (databaseEnv) => {
  run(process.execPath, [__filename, '--boot'], {
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      ...freshAppSecrets(),
      DISABLE_RATE_LIMIT: 'true',
      LOG_LEVEL: 'warn',
      STRAPI_TELEMETRY_DISABLED: 'true',
      ...databaseEnv,
    },
  });
};

/** Runs `use` on a knex connection to the PostgreSQL server of this run (the maintenance database). */
const withPostgres = async (use) => {
  // Loaded only by PostgreSQL runs.
  const knex = require('knex')({
    client: 'pg',
    connection: {
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT),
      user: process.env.DATABASE_USERNAME,
      password: process.env.DATABASE_PASSWORD,
      database: 'postgres',
    },
    pool: { min: 0, max: 1 },
  });
  try {
    return await use(knex);
  } finally {
    await knex.destroy();
  }
};

const makeSqliteTemplate = () => {
  const filename = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-template-')), 'data.db');
  bootOnce({ DATABASE_FILENAME: filename });
  return { [TEMPLATE_FILE]: filename };
};

const makePostgresTemplate = async () => {
  const name = `invitations_template_${crypto.randomBytes(6).toString('hex')}`;
  await withPostgres((server) => server.raw(`CREATE DATABASE ${name}`));
  bootOnce({ DATABASE_NAME: name });
  return { [TEMPLATE_DATABASE]: name };
};

/**
 * Makes the template of this run's DATABASE_CLIENT, unless one is made already, and sets the
 * variable that names it (read by the test workers, which start after this).
 */
const prepareTemplateDatabase = async () => {
  if (process.env[TEMPLATE_FILE] || process.env[TEMPLATE_DATABASE]) return;
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  const schema = process.env.DATABASE_SCHEMA;
  let made = {};
  if (client === 'sqlite') made = makeSqliteTemplate();
  else if (client === 'postgres' && (!schema || schema === 'public')) made = await makePostgresTemplate();
  Object.assign(process.env, made);
};

module.exports = { prepareTemplateDatabase, TEMPLATE_FILE, TEMPLATE_DATABASE };

if (require.main === module && process.argv[2] === '--boot') {
  // Required only here: Strapi reads its environment when its modules load.
  const { createStrapi } = require('@strapi/strapi');
  createStrapi({ appDir: PLAYGROUND, distDir: path.join(PLAYGROUND, 'dist') })
    .load()
    .then((strapi) => strapi.destroy())
    .then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      }
    );
}
