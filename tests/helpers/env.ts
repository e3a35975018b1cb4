import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PLAYGROUND_DIR = path.resolve(__dirname, '../../playground');

const secret = () => crypto.randomBytes(16).toString('base64');

/**
 * Everything Strapi reads at boot, set before any @strapi module is required. Each test file
 * gets a fresh SQLite file (or a fresh PostgreSQL database, see tests/helpers/postgres.ts).
 */
export const prepareTestEnv = (overrides: Record<string, string> = {}) => {
  Object.assign(process.env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    DISABLE_RATE_LIMIT: 'true',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    ...overrides,
  });
  if ((process.env.DATABASE_CLIENT ?? 'sqlite') === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-test-'));
    process.env.DATABASE_FILENAME = path.join(dir, 'data.db');
  }
};
