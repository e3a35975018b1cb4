'use strict';

/**
 * A throw-away PostgreSQL cluster on loopback for the tests: no system service, trust auth,
 * fsync off. Uses Debian's `postgresql` binaries (apt-get install postgresql).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { findBinDir: findBinDirAmong, freePortSync, giveToUser, runAsUser } = require('./lib');

const findBinDir = () => {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return findBinDirAmong(
    'initdb',
    versions.map((v) => path.join(base, v, 'bin'))
  );
};

/** initdb and pg_ctl refuse to run as root: run them as the `postgres` user then. */
const runPg = (binDir, tool, args) => runAsUser('postgres', path.join(binDir, tool), args);

const startCluster = () => {
  const binDir = findBinDir();
  if (!binDir) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-pg-'));
  const dataDir = path.join(dir, 'data');
  giveToUser('postgres', dir);
  const port = freePortSync();
  runPg(binDir, 'initdb', ['-D', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-sync']);
  runPg(binDir, 'pg_ctl', [
    '-D',
    dataDir,
    '-l',
    path.join(dir, 'server.log'),
    '-w',
    'start',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
  ]);
  return {
    env: {
      DATABASE_CLIENT: 'postgres',
      DATABASE_HOST: '127.0.0.1',
      DATABASE_PORT: String(port),
      DATABASE_USERNAME: 'postgres',
      DATABASE_PASSWORD: '',
    },
    stop: () => {
      try {
        runPg(binDir, 'pg_ctl', ['-D', dataDir, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
};

module.exports = { startCluster, findBinDir };
