'use strict';

/**
 * A Strapi site for the bench: the playground started with `strapi start` in a child process, as
 * a site owner runs it (production mode, admin panel built), on a database of its own.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { ROOT, PLAYGROUND, freshAppSecrets, freePort, waitForHealth } = require('../../scripts/lib');
const cleanup = require('./cleanup');
const { createDatabase } = require('./databases');
const { request, expectStatus } = require('./http');
const { benchApp, BENCH_ENTRY_UID } = require('./app');

const STRAPI_BIN = path.join(ROOT, 'node_modules/@strapi/strapi/bin/strapi.js');
const ADMIN = { email: 'bench-admin@example.com', password: 'Bench-admin-password-1' };
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What every bench site runs with. The limiters are off: the bench sends far more requests from one
 * address than any limiter allows, and measures the code behind them.
 * DISABLE_RATE_LIMIT is the playground's switch (playground/config/plugins.ts) for both
 * users-permissions' limiter (register, login) and this plugin's own (status endpoint, sign-up page).
 */
const BENCH_ENV = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn', // no request log: its console output would be measured along with the code
  DISABLE_RATE_LIMIT: 'true',
  STRAPI_TELEMETRY_DISABLED: 'true',
  DEMO_ADMIN_EMAIL: ADMIN.email,
  DEMO_ADMIN_PASSWORD: ADMIN.password,
};

const CLOCK_TICKS_PER_SECOND = 100; // Linux's USER_HZ

/** The resident memory of the process (VmRSS, bytes); null where /proc is not there. */
const residentBytes = (pid) => {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
};

/** CPU time (user + system, ms) the process has used so far; null where /proc is not there. */
const cpuTimeMs = (pid) => {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
};

/**
 * The SQL statements in one logged query: knex's debug line ends with the transaction's id, and
 * statements sent together are separated by "; " (a lone trailing ";", as in "BEGIN;", ends one).
 */
const statementsIn = (logged) =>
  logged
    .replace(/\s+\S+$/, '')
    .split(/;\s+/)
    .filter((statement) => statement.trim() !== '').length;

const spawnStrapi = (env, cwd) => {
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-20_000);
  };
  // With DEBUG=knex:query, knex writes one stderr line per query it sends (one round trip):
  // counted here, with the statements in it (a query may carry several, separated by "; ").
  const sql = { queries: 0, statements: 0 };
  let partialLine = '';
  const countQueries = (chunk) => {
    const lines = (partialLine + chunk).split('\n');
    partialLine = lines.pop();
    for (const line of lines.filter((candidate) => candidate.includes(' knex:query '))) {
      sql.queries += 1;
      sql.statements += statementsIn(line.slice(line.indexOf(' knex:query ') + ' knex:query '.length));
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.stderr.on('data', countQueries);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const stopNow = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { child, logs: () => output, sql: () => ({ ...sql }), stop, stopNow };
};

/**
 * Starts a site on a new database of the kind asked ('sqlite' or 'postgres') with `env` added;
 * resolves with null when that database is not available here. A site started with
 * `countQueries` logs its SQL (which costs time: never measure its speed) and can tell how many
 * statements an action ran (`queriesOf`). With `benchEntries`, the site is the bench's app
 * (bench/lib/app.js), with the public content type `api::bench-entry.bench-entry`.
 */
const startSite = async ({ client = 'sqlite', env = {}, countQueries = false, benchEntries = false } = {}) => {
  const database = await createDatabase(client);
  if (!database) return null;
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const secrets = freshAppSecrets();
  const processEnv = {
    ...BENCH_ENV,
    ...secrets,
    ...database.env,
    ...env,
    // The line format statementsIn reads: a date first, no colours (no trailing +Nms).
    ...(countQueries && { DEBUG: 'knex:query', DEBUG_COLORS: 'false', DEBUG_HIDE_DATE: 'false' }),
    HOST: '127.0.0.1',
    PORT: String(port),
  };
  const strapi = spawnStrapi(processEnv, benchEntries ? benchApp() : PLAYGROUND);
  const stop = cleanup.register(`Strapi at ${url}`, strapi.stop, strapi.stopNow);
  await waitForHealth(url, strapi.child, strapi.logs, 120_000);

  const login = expectStatus(await request(`${url}/admin/login`, { method: 'POST', body: ADMIN }), 200, 'admin login');
  const adminToken = login.body.data.token;
  const admin = (method, route, body) => request(`${url}${route}`, { method, body, token: adminToken });

  return {
    url,
    database,
    secrets,
    logs: strapi.logs,
    stop,
    /** CPU time the site's process has used so far, in ms (Linux; null elsewhere). */
    cpuMs: () => cpuTimeMs(strapi.child.pid),
    /** The site process's resident memory now, in bytes (Linux; null elsewhere). */
    rssBytes: () => residentBytes(strapi.child.pid),

    /**
     * The SQL `action` made the site run (a site started with `countQueries`): its statements, and
     * the queries that carried them (round trips to the database).
     */
    async sqlOf(action) {
      if (!countQueries) throw new Error('sqlOf needs a site started with countQueries');
      // The log lines of a request arrive through a pipe a moment after its response.
      const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
      await settle();
      const before = strapi.sql();
      await action();
      await settle();
      const after = strapi.sql();
      return { statements: after.statements - before.statements, roundTrips: after.queries - before.queries };
    },
    /** How many SQL statements `action` made the site run (a site started with `countQueries`). */
    async queriesOf(action) {
      return (await this.sqlOf(action)).statements;
    },
    /** The admin panel's own API, as the logged-in super admin. */
    admin,
    register: (body) => request(`${url}/api/auth/local/register`, { method: 'POST', body }),

    async roleId(type) {
      const res = expectStatus(await admin('GET', '/invitations/roles'), 200, 'list roles');
      const role = res.body.data.find((candidate) => candidate.type === type);
      if (!role) throw new Error(`no users-permissions role of type ${type}`);
      return role.id;
    },

    /** A bench entry with this unique `code`, readable by anyone through the content API. */
    async createPublicBenchEntry(code) {
      const created = await admin('POST', `/content-manager/collection-types/${BENCH_ENTRY_UID}`, {
        code,
        title: `Entry ${code}`,
      });
      expectStatus(created, 201, 'create bench entry');
      await allowPublicFind(admin, 'api::bench-entry', 'bench-entry');
    },

    async createInvitation({ name = 'Bench link', maxUses, days = 30, role = null }) {
      const body = { name, maxUses, expiresAt: new Date(Date.now() + days * DAY_MS).toISOString(), role };
      return expectStatus(await admin('POST', '/invitations/invitations', body), 201, 'create invitation').body.data;
    },
  };
};

/** Lets the users-permissions Public role call `find` of `controller` in `api`. */
const allowPublicFind = async (admin, api, controller) => {
  const { roles } = expectStatus(await admin('GET', '/users-permissions/roles'), 200, 'list roles').body;
  const publicRole = roles.find((role) => role.type === 'public');
  const { role } = expectStatus(await admin('GET', `/users-permissions/roles/${publicRole.id}`), 200, 'public role').body;
  role.permissions[api].controllers[controller].find.enabled = true;
  const { name, description, permissions } = role;
  expectStatus(
    await admin('PUT', `/users-permissions/roles/${publicRole.id}`, { name, description, permissions }),
    200,
    'allow find'
  );
};

/**
 * Runs `use(site)` on a site started with `options` and stops the site afterwards; resolves with
 * what `use` resolves with, or with `unavailable` when that database is not installed here.
 */
const withSite = async (options, use, unavailable = null) => {
  const site = await startSite(options);
  if (!site) return unavailable;
  try {
    return await use(site);
  } finally {
    await site.stop();
  }
};

const DATABASES = ['sqlite', 'postgres'];

/**
 * Runs `use(site)` on a site of each database in turn and joins the table lines it returns; a
 * database not installed here gives one line saying so.
 */
const onEachDatabase = async (options, use) => {
  const lines = [];
  for (const client of DATABASES) {
    lines.push(...(await withSite({ ...options, client }, use, [{ measure: `${client}: not installed here`, met: null }])));
  }
  return lines;
};

let accountCount = 0;
/** A registration body nobody has used; `prefix` lets a row count its own accounts afterwards. */
const newAccount = (prefix = 'bench') => {
  accountCount += 1;
  const id = `${prefix}-${process.pid}-${accountCount}`;
  return { username: id, email: `${id}@example.com`, password: 'Bench-password-123' };
};

module.exports = { withSite, onEachDatabase, newAccount };
