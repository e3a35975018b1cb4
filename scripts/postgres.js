'use strict';

/**
 * A throw-away PostgreSQL cluster on loopback for the tests: no system service, trust auth,
 * fsync off. Uses Debian's `postgresql` binaries (apt-get install postgresql).
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const findBinDir = () => {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
  const dir = versions.map((v) => path.join(base, v, 'bin')).find((d) => fs.existsSync(path.join(d, 'initdb')));
  return dir ?? null;
};

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** initdb and pg_ctl refuse to run as root: run them as the `postgres` user then. */
const runPg = (binDir, tool, args) => {
  const command = path.join(binDir, tool);
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  }
};

const freePort = () =>
  Number(
    execFileSync(process.execPath, [
      '-e',
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
    ]).toString()
  );

const startCluster = () => {
  const binDir = findBinDir();
  if (!binDir) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-pg-'));
  const dataDir = path.join(dir, 'data');
  if (isRoot()) execFileSync('chown', ['-R', 'postgres', dir]);
  const port = freePort();
  runPg(binDir, 'initdb', ['-D', dataDir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-sync']);
  runPg(binDir, 'pg_ctl', [
    '-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', 'start',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`,
  ]);
  return {
    env: { DATABASE_CLIENT: 'postgres', DATABASE_HOST: '127.0.0.1', DATABASE_PORT: String(port), DATABASE_USERNAME: 'postgres', DATABASE_PASSWORD: '' },
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
