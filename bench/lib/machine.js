'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ROOT } = require('../../scripts/lib');
const { findBinDir } = require('../../scripts/postgres');

const osName = () => {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release);
    if (pretty) return `${pretty[1]}, ${os.type()} ${os.release()}`;
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()}`;
};

const versionOf = (pkg) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
};

const postgresVersion = () => {
  const binDir = findBinDir();
  if (!binDir) return 'not installed';
  const result = spawnSync(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' });
  return (result.stdout || '').trim().replace(/^postgres \(PostgreSQL\) /, '') || 'unknown';
};

const sqliteVersion = () => {
  try {
    const Database = require('better-sqlite3');
    const db = new Database(':memory:');
    const { version } = db.prepare('select sqlite_version() as version').get();
    db.close();
    return version;
  } catch {
    return 'unknown';
  }
};

const loadAverage = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

/** What the numbers were measured on. */
const describeMachine = () => {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: osName(),
    strapi: versionOf('@strapi/strapi'),
    sqlite: `${sqliteVersion()} (better-sqlite3 ${versionOf('better-sqlite3')})`,
    postgres: postgresVersion(),
    loadAtStart: loadAverage(),
  };
};

module.exports = { describeMachine, loadAverage };
