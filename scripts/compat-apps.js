'use strict';

/**
 * The clean Strapi apps the compatibility phase installs the packed plugin into, one per version.
 *
 * - **5.54.0 is made as a new owner makes one**: `npx create-strapi-app@5.54.0` (TypeScript, no
 *   example, nothing installed), its dependencies pinned by the lockfile committed in
 *   tests/compat/apps/5.54.0 (made from that scaffold), and the README's `invitations` block added
 *   to its config/plugins.ts exactly as the README says (scripts/readme-snippets.js). What only the
 *   smoke suite needs (no rate limit, the origin of the port it runs on) sits apart, in the
 *   config/env/production/plugins.ts that Strapi merges over it.
 * - **5.13.0 is written by hand** (tests/compat/apps/5.13.0 and shared/): the oldest version of the
 *   peer range, as a plain JavaScript app.
 *
 * An app's dependencies are fetched with `npm ci --ignore-scripts`, which needs neither a core nor
 * the repository's node_modules: .ci/run has it done beside its own `npm ci`
 * (`node scripts/compat.js --fetch <dir>`). Their install scripts run later with `npm rebuild`,
 * once the repository's own install has compiled better-sqlite3 (see prebuilds.js).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, runAsync } = require('./lib');
const { keepPrebuild, prebuildsEnv } = require('./prebuilds');
const { invitationsSnippet, spliceInto } = require('./readme-snippets');

const APPS_DIR = path.join(ROOT, 'tests/compat/apps');

/** The versions whose app create-strapi-app makes; the others' are written by hand. */
const MADE_WITH_CREATE_STRAPI_APP = new Set(['5.54.0']);

/** How the app of `version` is made: `create-strapi-app` or `by hand`. */
const madeWith = (version) => (MADE_WITH_CREATE_STRAPI_APP.has(version) ? 'create-strapi-app' : 'by hand');

/** create-strapi-app's answers for a TypeScript app without example data, installed by us afterwards. */
const CREATE_STRAPI_APP_FLAGS = [
  '--ts',
  '--use-npm',
  '--no-install',
  '--skip-cloud',
  '--no-example',
  '--no-git-init',
  '--non-interactive',
  '--skip-db',
  '--no-run',
];

/**
 * The environment of a command run in an app: npm's own variables from the `npm test` around us
 * (its local prefix, its script's name...) are left out, as in a shell of the site's owner; the
 * npm cache is kept, so that npm_config_cache=<dir> chooses it for the apps too.
 */
const appEnv = (appDir, extra = {}) => {
  const npmVariables = Object.keys(process.env).filter((name) => /^npm_/i.test(name) && name !== 'npm_config_cache');
  return {
    ...Object.fromEntries(npmVariables.map((name) => [name, undefined])),
    PATH: `${path.join(appDir, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
    STRAPI_TELEMETRY_DISABLED: 'true',
    ...extra,
  };
};

/** Runs `command` in the app, its output prefixed with the version; resolves when it succeeds. */
const inApp = (appDir, version, command, args, env) =>
  runAsync(command, args, { cwd: appDir, env: appEnv(appDir, env), prefix: `[Strapi ${version}]` });

const copyInto = (appDir, source) => fs.cpSync(source, appDir, { recursive: true });

/** The hand-written app: its package files and the shared config and src. */
const writeByHand = (appDir, version) => {
  copyInto(appDir, path.join(APPS_DIR, 'shared'));
  copyInto(appDir, path.join(APPS_DIR, version));
};

/**
 * create-strapi-app's app, with the committed lockfile, the README's block added to its plugins
 * file, and the smoke suite's settings beside it (the committed config/env/production).
 */
const scaffold = async (appDir, version) => {
  await runAsync('npx', ['--yes', `create-strapi-app@${version}`, appDir, ...CREATE_STRAPI_APP_FLAGS], {
    cwd: path.dirname(appDir),
    env: appEnv(appDir),
    prefix: `[Strapi ${version}]`,
  });
  copyInto(appDir, path.join(APPS_DIR, version));
  const pluginsFile = path.join(appDir, 'config/plugins.ts');
  // Only the invitations block: the email block needs the provider package the README has the
  // owner install, and the smoke suite sends no email.
  const withPlugin = spliceInto(fs.readFileSync(pluginsFile, 'utf8'), [invitationsSnippet('config/plugins.ts')]);
  fs.writeFileSync(pluginsFile, withPlugin);
};

/** A new app of `version` in a new directory under `parentDir`: its files, nothing installed. */
const makeApp = async (version, parentDir = os.tmpdir()) => {
  const appDir = fs.mkdtempSync(path.join(parentDir, `invitations-strapi-${version}-`));
  if (MADE_WITH_CREATE_STRAPI_APP.has(version)) await scaffold(appDir, version);
  else writeByHand(appDir, version);
  fs.mkdirSync(path.join(appDir, 'public/uploads'), { recursive: true });
  return appDir;
};

/** The app's dependencies as its lockfile pins them, without running their install scripts. */
const fetchDependencies = (appDir, version) =>
  inApp(appDir, version, 'npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline']);

/** The install scripts `npm ci` left out: better-sqlite3 unpacked from the repository's own build. */
const runInstallScripts = async (appDir, version) => {
  keepPrebuild(ROOT);
  await inApp(appDir, version, 'npm', ['rebuild'], prebuildsEnv());
  keepPrebuild(appDir);
};

/** The plugin as a site installs it: a plain `npm install` of its tarball. */
const installTarball = (appDir, version, tarball) =>
  inApp(appDir, version, 'npm', ['install', '--no-audit', '--no-fund', tarball]);

const buildAdminPanel = (appDir, version) => inApp(appDir, version, 'strapi', ['build'], { NODE_ENV: 'production' });

/** Removes an app (about 700 MB). */
const removeApp = (appDir) => fs.rmSync(appDir, { recursive: true, force: true });

module.exports = { madeWith, makeApp, fetchDependencies, runInstallScripts, installTarball, buildAdminPanel, removeApp };
