import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { PLAYGROUND_DIR, prepareTestEnv } from './env';
import { createTestDatabase } from './database';
import { createStrapi } from './native-strapi';
import { actionId, type ActionName } from '../../shared';

export interface TestApp {
  strapi: Core.Strapi;
  http: () => ReturnType<typeof request>;
  adminToken: string;
  stop: () => Promise<void>;
}

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'Admin-password-1';

/**
 * Boots the playground in this process, with the plugin built from this repository, on a new
 * database (createTestDatabase) unless `env` names one (`databaseOfThisRun()` boots again on the last one).
 */
export const startTestApp = async (env: Record<string, string> = {}): Promise<TestApp> => {
  prepareTestEnv(env);
  if (!env.DATABASE_NAME && !env.DATABASE_FILENAME) await createTestDatabase();
  fs.mkdirSync(path.join(PLAYGROUND_DIR, 'public/uploads'), { recursive: true });

  const bootStarted = Date.now();
  const { strapi: created, destroy } = createStrapi({ appDir: PLAYGROUND_DIR, distDir: path.join(PLAYGROUND_DIR, 'dist') });
  const strapi: Core.Strapi = await created.load();
  strapi.server.mount();
  recordBoot(Date.now() - bootStarted);
  const http = () => request(strapi.server.httpServer);

  const adminToken = await createSuperAdminToken(strapi, http);
  return {
    strapi,
    http,
    adminToken,
    stop: async () => {
      await waitForIdleDatabase(strapi);
      await destroy();
    },
  };
};

/** scripts/test.js sums the boots of each phase in its table of times: the file STRAPI_BOOT_LOG names gets one line per boot. */
const recordBoot = (ms: number) => {
  if (process.env.STRAPI_BOOT_LOG) fs.appendFileSync(process.env.STRAPI_BOOT_LOG, `${ms}\n`);
};

interface ConnectionPool {
  numUsed: () => number;
  numPendingAcquires: () => number;
  numPendingCreates: () => number;
}

/**
 * Waits until no query has run for a moment (5 s at most). Strapi's document service sends its
 * entry events after a commit without waiting for them, and each reads the entry back: one still
 * running when the pool closes fails the test file, or a later one in the same worker.
 */
const waitForIdleDatabase = async (strapi: Core.Strapi) => {
  const pool = (strapi.db.connection.client as { pool?: ConnectionPool }).pool;
  if (!pool) return;
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + 5_000;
  for (let quietChecks = 0; quietChecks < 3 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    quietChecks = busy() ? 0 : quietChecks + 1;
  }
};

/**
 * Boots one app for the whole test file and stops it afterwards; `onStarted` receives it.
 */
export const useTestApp = (onStarted: (app: TestApp) => void, env: Record<string, string> = {}) => {
  let app: TestApp | undefined;
  beforeAll(async () => {
    app = await startTestApp(env);
    onStarted(app);
  });
  afterAll(async () => {
    await app?.stop();
  });
};

/** The super admin's token; the account is made unless an earlier boot on this database made it. */
const createSuperAdminToken = async (strapi: Core.Strapi, http: TestApp['http']) => {
  if (await strapi.service('admin::user').exists({ email: ADMIN_EMAIL })) return loginAdmin(http, ADMIN_EMAIL, ADMIN_PASSWORD);
  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: ADMIN_EMAIL,
    firstname: 'Ada',
    lastname: 'Admin',
    password: ADMIN_PASSWORD,
    isActive: true,
    roles: [superAdminRole.id],
  });
  return loginAdmin(http, ADMIN_EMAIL, ADMIN_PASSWORD);
};

/** A new admin with the given role (a code such as 'strapi-editor'), logged in: their token. */
export const createAdminWithRole = async (
  app: TestApp,
  roleCode: string,
  person: { email: string; firstname: string; lastname: string; password: string }
) => {
  const role = await app.strapi.db.query('admin::role').findOne({ where: { code: roleCode } });
  await app.strapi.service('admin::user').create({ ...person, isActive: true, roles: [role.id] });
  return loginAdmin(app.http, person.email, person.password);
};

/** A new admin whose one role (named after `label`) has exactly these actions of the plugin, logged in: their token. */
export const createAdminWithActions = async (app: TestApp, label: string, actions: ActionName[]) => {
  const role = await app.strapi.service('admin::role').create({ name: `Role ${label}`, description: label });
  await app.strapi.service('admin::role').addPermissions(
    role.id,
    actions.map((action) => ({ action: actionId(action), subject: null }))
  );
  const email = `${label.replace(/\W+/g, '-')}@example.com`.toLowerCase();
  return createAdminWithRole(app, role.code, { email, firstname: 'Role', lastname: label, password: ADMIN_PASSWORD });
};

export const loginAdmin = async (http: TestApp['http'], email: string, password: string) => {
  const res = await http().post('/admin/login').send({ email, password });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.token as string;
};
