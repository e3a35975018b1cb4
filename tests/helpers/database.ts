import crypto from 'node:crypto';
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

/**
 * With DATABASE_CLIENT=postgres or mysql, each test file gets a database of its own, dropped by
 * nobody: the server is thrown away with the run. SQLite gets a fresh file instead (env.ts).
 */
export const createTestDatabase = async () => {
  if (!serverClient()) return;
  const name = `invitations_test_${crypto.randomBytes(6).toString('hex')}`;
  const server = connectDatabase();
  try {
    await server.raw(`CREATE DATABASE ${name}`);
  } finally {
    await server.destroy();
  }
  process.env.DATABASE_NAME = name;
};
