import crypto from 'node:crypto';

export interface PostgresClient {
  query: (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, any>>; rowCount: number }>;
  end: () => Promise<void>;
}

/** A client of the server named by DATABASE_HOST/DATABASE_PORT (the private cluster .ci/run starts). */
export const connectPostgres = async (database: string): Promise<PostgresClient> => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Client } = require('pg');
  const client = new Client({
    host: process.env.DATABASE_HOST ?? '127.0.0.1',
    port: Number(process.env.DATABASE_PORT ?? 5432),
    user: process.env.DATABASE_USERNAME ?? 'postgres',
    password: process.env.DATABASE_PASSWORD,
    database,
  });
  await client.connect();
  return client;
};

/**
 * With DATABASE_CLIENT=postgres, each test file gets a database of its own, dropped by nobody:
 * the cluster is thrown away with the run.
 */
export const createTestDatabase = async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres') return;
  const name = `invitations_test_${crypto.randomBytes(6).toString('hex')}`;
  const client = await connectPostgres('postgres');
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  process.env.DATABASE_NAME = name;
};
