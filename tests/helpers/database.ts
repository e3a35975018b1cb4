import crypto from 'node:crypto';
import fs from 'node:fs';
import knex, { type Knex } from 'knex';

/** The knex driver of each DATABASE_CLIENT that runs on a server. */
const DRIVERS: Record<string, string> = { postgres: 'pg', mysql: 'mysql2' };

/** The DATABASE_CLIENT of this run, if it is a server's; null for SQLite. */
export const serverClient = (): string | null => {
  const client = process.env.DATABASE_CLIENT ?? 'sqlite';
  return client in DRIVERS ? client : null;
};

/**
 * A knex connection, as DATABASE_USERNAME, to the server DATABASE_HOST/DATABASE_PORT name (the
 * private one scripts/test.js starts): to `database`, or to none in particular. Destroy it after use.
 */
export const connectDatabase = (database?: string): Knex => {
  const client = serverClient();
  if (!client) throw new Error(`No database server with DATABASE_CLIENT=${process.env.DATABASE_CLIENT ?? 'sqlite'}`);
  return knex({
    client: DRIVERS[client],
    connection: {
      host: process.env.DATABASE_HOST ?? '127.0.0.1',
      port: Number(process.env.DATABASE_PORT),
      user: process.env.DATABASE_USERNAME,
      password: process.env.DATABASE_PASSWORD,
      database,
    },
    pool: { min: 0, max: 2 },
  });
};

/** Runs `use` on a fresh connection to `database` (to none in particular without it), then closes it. */
export const withConnection = async <T>(database: string | undefined, use: (knex: Knex) => Promise<T>): Promise<T> => {
  const knex = connectDatabase(database);
  try {
    return await use(knex);
  } finally {
    await knex.destroy();
  }
};

/**
 * A new database for the next app of this test file, copied from the run's template database when
 * there is one (scripts/template-database.js: the schema made, as on a site's second start).
 * SQLite: the fresh file testEnv named gets the template's content. PostgreSQL or MySQL: a
 * database of the test file's own, dropped by nobody (the server is thrown away with the run). A
 * PostgreSQL DATABASE_SCHEMA other than public is created in it, as a site owner would beforehand
 * (Strapi creates tables in it, not the schema); such a database starts empty.
 */
export const createTestDatabase = async () => {
  const client = serverClient();
  if (!client) {
    const template = process.env.INVITATIONS_TEST_TEMPLATE_FILE;
    if (template) fs.copyFileSync(template, process.env.DATABASE_FILENAME as string);
    return;
  }
  const name = `invitations_test_${crypto.randomBytes(6).toString('hex')}`;
  const schema = process.env.DATABASE_SCHEMA;
  const inOtherSchema = client === 'postgres' && schema && schema !== 'public';
  const template = client === 'postgres' && !inOtherSchema ? process.env.INVITATIONS_TEST_TEMPLATE_DATABASE : undefined;
  await withConnection(undefined, (server) => server.raw(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`));
  if (inOtherSchema) await withConnection(name, (database) => database.raw('CREATE SCHEMA ??', [schema]));
  process.env.DATABASE_NAME = name;
};

/** The database the last app of this test file booted on, as the env that boots another app on it. */
export const databaseOfThisRun = (): Record<string, string> =>
  serverClient()
    ? { DATABASE_NAME: process.env.DATABASE_NAME as string }
    : { DATABASE_FILENAME: process.env.DATABASE_FILENAME as string };
