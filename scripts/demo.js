#!/usr/bin/env node
'use strict';

/**
 * `npm run demo`: builds the plugin and the playground's admin panel, then starts Strapi with the
 * plugin at http://127.0.0.1:1337/admin (SQLite in playground/.tmp by default).
 *
 * Honours HOST, PORT, DATABASE_CLIENT, DATABASE_FILENAME and DATABASE_* (see docs/development.md), and creates
 * the super admin DEMO_ADMIN_EMAIL / DEMO_ADMIN_PASSWORD at start when the app has none.
 */
const fs = require('node:fs');
const path = require('node:path');
const { PLAYGROUND, run, buildPlugin, buildAdminPanel, freshAppSecrets } = require('./lib');

/** A playground/.env with fresh secrets, written once and kept, so sessions survive restarts. */
const ensureSecrets = () => {
  const envFile = path.join(PLAYGROUND, '.env');
  if (fs.existsSync(envFile)) return;
  const lines = Object.entries(freshAppSecrets()).map(([name, value]) => `${name}=${value}`);
  fs.writeFileSync(envFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  console.log(`Wrote fresh secrets to ${path.relative(process.cwd(), envFile)}`);
};

const main = () => {
  ensureSecrets();
  buildPlugin();
  fs.mkdirSync(path.join(PLAYGROUND, 'public/uploads'), { recursive: true });
  const env = { STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: process.env.NODE_ENV || 'production' };
  buildAdminPanel(env);
  run('strapi', ['start'], { cwd: PLAYGROUND, env });
};

main();
