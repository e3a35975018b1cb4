import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The scripts are plain CommonJS, shared with `npm run demo` and the bench (types: scripts/lib.d.ts).
import { freshAppSecrets } from '../../scripts/lib';

export const PLAYGROUND_DIR = path.resolve(__dirname, '../../playground');

/** Fresh secrets and a fresh SQLite file (unless DATABASE_CLIENT says otherwise), for one app. */
export const testEnv = (overrides: Record<string, string> = {}): Record<string, string> => {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    ...freshAppSecrets(),
    DISABLE_RATE_LIMIT: 'true',
    ADMIN_LOGIN_RATE_LIMIT: 'false',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
  };
  if ((overrides.DATABASE_CLIENT ?? process.env.DATABASE_CLIENT ?? 'sqlite') === 'sqlite') {
    env.DATABASE_FILENAME = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-test-')), 'data.db');
  }
  return { ...env, ...overrides };
};

/** Sets everything Strapi reads at boot; call it before any @strapi module is required. */
export const prepareTestEnv = (overrides: Record<string, string> = {}) => {
  Object.assign(process.env, testEnv(overrides));
};

/** A window that started in 1970 and ends in 2065: every request of a suite lands in the same one. */
export const WHOLE_SUITE_WINDOW_SECONDS = 3_000_000_000;

/** The plugin's rate limit on, `max` requests per client over the whole suite, counted in `store`. */
export const rateLimitEnv = (max: number, store?: 'memory' | 'database'): Record<string, string> => ({
  DISABLE_RATE_LIMIT: 'false',
  INVITATIONS_RATE_LIMIT_MAX: String(max),
  INVITATIONS_RATE_LIMIT_WINDOW_SECONDS: String(WHOLE_SUITE_WINDOW_SECONDS),
  ...(store && { INVITATIONS_RATE_LIMIT_STORE: store }),
});
