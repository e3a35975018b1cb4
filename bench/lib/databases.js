'use strict';

/**
 * The databases the bench's Strapi sites run on: a fresh SQLite file each, or a fresh database in
 * one private PostgreSQL cluster (scripts/postgres.js) started on first use. All of it is removed
 * at the end of the run.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const cleanup = require('./cleanup');
const { startCluster } = require('../../scripts/postgres');

let tempRoot;
/** The run's own temp directory (SQLite files), removed at the end. */
const tempDir = () => {
  if (!tempRoot) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-bench-'));
    tempRoot = dir;
    cleanup.register('temp directory', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return tempRoot;
};

let cluster;
/** The PostgreSQL cluster, started on first call; null when PostgreSQL is not installed. */
const postgresCluster = () => {
  if (cluster === undefined) {
    cluster = startCluster();
    if (cluster) cleanup.register('PostgreSQL cluster', cluster.stop);
  }
  return cluster;
};

let databaseCount = 0;

const sqliteDatabase = () => {
  databaseCount += 1;
  const filename = path.join(tempDir(), `site-${databaseCount}.db`);
  return {
    client: 'sqlite',
    label: 'SQLite',
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    knexConfig: { client: 'better-sqlite3', connection: { filename }, useNullAsDefault: true },
  };
};

const postgresDatabase = async () => {
  const pg = postgresCluster();
  if (!pg) return null;
  databaseCount += 1;
  const name = `bench_${process.pid}_${databaseCount}`;
  const connection = {
    host: pg.env.DATABASE_HOST,
    port: Number(pg.env.DATABASE_PORT),
    user: pg.env.DATABASE_USERNAME,
    password: pg.env.DATABASE_PASSWORD,
  };
  const { Client } = require('pg');
  const admin = new Client({ ...connection, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    client: 'postgres',
    label: 'PostgreSQL',
    env: { ...pg.env, DATABASE_NAME: name },
    knexConfig: { client: 'pg', connection: { ...connection, database: name } },
  };
};

/** A new database of the kind named ('sqlite' or 'postgres'); null when that kind is not available. */
const createDatabase = (client) => (client === 'postgres' ? postgresDatabase() : sqliteDatabase());

/** A knex connection to a site's database, for seeding and for checking results; closed at the end. */
const connect = (database) => {
  const knex = require('knex')(database.knexConfig);
  cleanup.register(
    `knex ${database.label}`,
    () => knex.destroy(),
    () => {}
  );
  return knex;
};

module.exports = { createDatabase, connect };
