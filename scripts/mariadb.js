'use strict';

/**
 * A throw-away MariaDB server on loopback for the tests, as scripts/postgres.js starts PostgreSQL:
 * its own data directory and socket in a temp directory, no system service, no binary log, no
 * flush at commit. Uses Debian's `mariadb-server` binaries (apt-get install mariadb-server).
 */
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { asUser, findBinDir, freePortSync, giveToUser, runAsUser, sleepSync } = require('./lib');

const SYSTEM_USER = 'mysql';
const DATABASE_USER = 'invitations';
const START_TIMEOUT_MS = 60_000;

const binDirs = () => ['/usr/sbin', '/usr/bin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];

/** Where mariadbd, mariadb-install-db and the mariadb client are; null when MariaDB is not installed. */
const findBinaries = () => {
  const dirs = binDirs();
  const [server, install, client] = ['mariadbd', 'mariadb-install-db', 'mariadb'].map((name) => findBinDir(name, dirs));
  if (!server || !install || !client) return null;
  return {
    server: path.join(server, 'mariadbd'),
    install: path.join(install, 'mariadb-install-db'),
    client: path.join(client, 'mariadb'),
  };
};

/**
 * The server's settings: the character set and collation Debian's own configuration gives
 * (utf8mb4, case-insensitive), as most sites have them; durability traded for speed.
 */
const serverArgs = ({ dir, dataDir, port }) => [
  // First, or mariadbd reads the system's /etc/mysql and its socket and data directory.
  '--no-defaults',
  `--datadir=${dataDir}`,
  `--socket=${path.join(dir, 'mariadb.sock')}`,
  `--pid-file=${path.join(dir, 'mariadb.pid')}`,
  `--log-error=${path.join(dir, 'server.log')}`,
  `--tmpdir=${dir}`,
  `--port=${port}`,
  '--bind-address=127.0.0.1',
  '--skip-name-resolve',
  '--character-set-server=utf8mb4',
  '--collation-server=utf8mb4_general_ci',
  '--max-connections=300',
  '--skip-log-bin',
  '--innodb-flush-log-at-trx-commit=0',
  '--innodb-doublewrite=0',
  '--innodb-buffer-pool-size=256M',
  '--innodb-log-file-size=64M',
];

/** The account the tests use: over TCP from loopback, allowed to create their databases. */
const createAccountSql = (password) =>
  // Bootstrap mode starts without the grant tables: load them so that CREATE USER works.
  'FLUSH PRIVILEGES;\n' +
  `CREATE USER '${DATABASE_USER}'@'127.0.0.1' IDENTIFIED BY '${password}';\n` +
  `GRANT ALL PRIVILEGES ON *.* TO '${DATABASE_USER}'@'127.0.0.1' WITH GRANT OPTION;\n`;

const install = (binaries, { dir, dataDir }, password) => {
  const accountFile = path.join(dir, 'account.sql');
  fs.writeFileSync(accountFile, createAccountSql(password));
  giveToUser(SYSTEM_USER, dir);
  runAsUser(SYSTEM_USER, binaries.install, [
    '--no-defaults',
    `--datadir=${dataDir}`,
    '--auth-root-authentication-method=socket',
    '--skip-test-db',
    '--skip-name-resolve',
    `--extra-file=${accountFile}`,
  ]);
};

const readLog = (dir) => {
  try {
    return fs.readFileSync(path.join(dir, 'server.log'), 'utf8');
  } catch {
    return '';
  }
};

const acceptsConnections = (binaries, env) =>
  runAsUserQuietly(binaries.client, [
    '--no-defaults',
    `--host=${env.DATABASE_HOST}`,
    `--port=${env.DATABASE_PORT}`,
    `--user=${env.DATABASE_USERNAME}`,
    `--password=${env.DATABASE_PASSWORD}`,
    '--connect-timeout=2',
    '--execute=SELECT 1',
  ]);

const runAsUserQuietly = (command, args) => {
  try {
    runAsUser(SYSTEM_USER, command, args);
    return true;
  } catch {
    return false;
  }
};

/** Waits until the account can log in over TCP; fails with the server's log if it stopped or took too long. */
const waitUntilReady = (binaries, dir, env) => {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!acceptsConnections(binaries, env)) {
    const log = readLog(dir);
    if (/\[ERROR\] Aborting/.test(log) || Date.now() > deadline) {
      throw new Error(`MariaDB did not start:\n${log}`);
    }
    sleepSync(200);
  }
};

/** Kills the server and whatever started it (runuser when root), and removes its files. */
const stopServer = (dir, launcher) => {
  const kill = (pid) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  try {
    if (launcher?.pid) kill(-launcher.pid);
    // mariadbd itself, should it be in a process group of its own.
    const pidFile = path.join(dir, 'mariadb.pid');
    if (fs.existsSync(pidFile)) kill(Number(fs.readFileSync(pidFile, 'utf8')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * Starts the server; returns the DATABASE_* variables that reach it and `stop`, or null when
 * MariaDB is not installed.
 */
const startServer = () => {
  const binaries = findBinaries();
  if (!binaries) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-mariadb-'));
  const paths = { dir, dataDir: path.join(dir, 'data'), port: freePortSync() };
  const env = {
    DATABASE_CLIENT: 'mysql',
    DATABASE_HOST: '127.0.0.1',
    DATABASE_PORT: String(paths.port),
    DATABASE_USERNAME: DATABASE_USER,
    DATABASE_PASSWORD: crypto.randomBytes(12).toString('hex'),
  };
  let launcher;
  try {
    install(binaries, paths, env.DATABASE_PASSWORD);
    const [file, argv] = asUser(SYSTEM_USER, binaries.server, serverArgs(paths));
    // A process group of its own, killed as one by stop.
    launcher = spawn(file, argv, { detached: true, stdio: 'ignore' });
    launcher.unref();
    waitUntilReady(binaries, dir, env);
  } catch (error) {
    stopServer(dir, launcher);
    throw error;
  }
  return { env, stop: () => stopServer(dir, launcher) };
};

module.exports = { startServer, findBinaries };
