import crypto from 'node:crypto';

export interface PostgresClient {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, any>>; rowCount: number }>;
  end: () => Promise<void>;
}

/** Where DATABASE_HOST/DATABASE_PORT point (the private server scripts/test.js starts), as the given user. */
const serverAddress = (defaultPort: number, defaultUser: string) => ({
  host: process.env.DATABASE_HOST ?? '127.0.0.1',
  port: Number(process.env.DATABASE_PORT ?? defaultPort),
  user: process.env.DATABASE_USERNAME ?? defaultUser,
  password: process.env.DATABASE_PASSWORD,
});

/** A client of the PostgreSQL server named by DATABASE_HOST/DATABASE_PORT. */
export const connectPostgres = async (database: string): Promise<PostgresClient> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Client } = require('pg');
  const client = new Client({ ...serverAddress(5432, 'postgres'), database });
  await client.connect();
  return client;
};

const createPostgresDatabase = async (name: string) => {
  const client = await connectPostgres('postgres');
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
};

const createMysqlDatabase = async (name: string) => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mysql = require('mysql2/promise');
  const connection = await mysql.createConnection(serverAddress(3306, 'root'));
  try {
    await connection.query(`CREATE DATABASE ${name}`);
  } finally {
    await connection.end();
  }
};

const creators: Record<string, (name: string) => Promise<void>> = {
  postgres: createPostgresDatabase,
  mysql: createMysqlDatabase,
};

/**
 * With DATABASE_CLIENT=postgres or mysql, each test file gets a database of its own, dropped by
 * nobody: the server is thrown away with the run. SQLite gets a fresh file instead (env.ts).
 */
export const createTestDatabase = async () => {
  const create = creators[process.env.DATABASE_CLIENT ?? 'sqlite'];
  if (!create) return;
  const name = `invitations_test_${crypto.randomBytes(6).toString('hex')}`;
  await create(name);
  process.env.DATABASE_NAME = name;
};
