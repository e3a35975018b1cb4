'use strict';

/**
 * The compatibility phase of `npm test`: the plugin packed exactly as it would be published, in
 * clean Strapi apps of the oldest version of its peer range and of the version it is developed on.
 *
 * 1. Copies the repository's files as a fresh clone has them (tracked and new files, nothing that
 *    .gitignore names: no dist/) and runs `npm pack` there, so `prepack` must build dist/.
 * 2. For each version, copies the hand-written app tests/compat/apps/<version> (its package.json
 *    and package-lock.json) and tests/compat/apps/shared (config, src) into a fresh directory,
 *    installs the app's own dependencies with `npm ci` (better-sqlite3 compiled once and kept:
 *    see prebuilds.js), then the tarball with a plain `npm install <tarball>`, and builds the admin
 *    panel with `strapi build`.
 * The smoke suite (tests/compat) then starts each app and checks the plugin in it.
 *
 * `node scripts/compat.js [version]` prepares the apps and keeps them, for running the suite by
 * hand: it prints the variables for `<them> npx jest --selectProjects compat`.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, run } = require('./lib');
const { keepPrebuild, prebuildsEnv } = require('./prebuilds');
const { recordPhase } = require('./timings');

/** The oldest Strapi 5 of the peer range that installs here (see STRAPI-NOTES), and the current one. */
const COMPAT_VERSIONS = ['5.13.0', '5.54.0'];
const APPS_DIR = path.join(ROOT, 'tests/compat/apps');

const tempDir = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** Runs `fn`, printing how long it took and recording it in the run's table of phases; returns what `fn` returns. */
const timed = (label, fn) => {
  const started = Date.now();
  const result = fn();
  const seconds = (Date.now() - started) / 1000;
  console.log(`[compat] ${label}: ${seconds.toFixed(1)} s`);
  recordPhase({ label: `Compatibility: ${label}`, seconds });
  return result;
};

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

/** A copy of the repository as a fresh clone of this working tree has it, sharing its node_modules. */
const copyAsFreshClone = () => {
  const copy = tempDir('invitations-clone-');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT });
  for (const file of listed.toString().split('\0').filter(Boolean)) {
    // A tracked file deleted in the working tree is not part of the next commit either.
    if (!fs.existsSync(path.join(ROOT, file))) continue;
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, file), path.join(copy, file));
  }
  // The build tools only: linking them saves a 2-minute `npm ci`, and npm never packs node_modules.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
};

/** `npm pack` of a fresh copy of the repository: the path of the tarball, in a directory of its own. */
const packPlugin = () => {
  const clone = copyAsFreshClone();
  const destination = tempDir('invitations-tarball-');
  try {
    run('npm', ['pack', '--pack-destination', destination, '--silent'], { cwd: clone, env: appEnv(clone) });
  } finally {
    fs.rmSync(clone, { recursive: true, force: true });
  }
  const [tarball] = fs.readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${destination}`);
  return path.join(destination, tarball);
};

/** A fresh copy of the hand-written app of `version`: its package files and the shared config and src. */
const copyApp = (version) => {
  const appDir = tempDir(`invitations-strapi-${version}-`);
  fs.cpSync(path.join(APPS_DIR, 'shared'), appDir, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    fs.copyFileSync(path.join(APPS_DIR, version, file), path.join(appDir, file));
  }
  fs.mkdirSync(path.join(appDir, 'public/uploads'), { recursive: true });
  return appDir;
};

/** Installs the app of `version` and the plugin's `tarball` into `appDir` (a copyApp), and builds its admin panel. */
const installApp = (appDir, version, tarball) => {
  const inApp = (command, args, env) => () => run(command, args, { cwd: appDir, env: appEnv(appDir, env) });
  const installAppDependencies = () => {
    // The repository's own install compiled the same better-sqlite3 already: the app unpacks it.
    keepPrebuild(ROOT);
    // The lockfile pins every version: npm's cached metadata is enough to find them.
    inApp('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], prebuildsEnv())();
    keepPrebuild(appDir);
  };
  timed(`Strapi ${version}: npm ci`, installAppDependencies);
  timed(`Strapi ${version}: npm install <tarball>`, inApp('npm', ['install', '--no-audit', '--no-fund', tarball]));
  timed(`Strapi ${version}: strapi build`, inApp('strapi', ['build'], { NODE_ENV: 'production' }));
};

/** One version: its app installed and built, then the smoke suite in it. */
const checkVersion = (version, tarball, runSuite) => {
  const appDir = copyApp(version);
  try {
    installApp(appDir, version, tarball);
    runSuite(`Compatibility: packed plugin on Strapi ${version}`, { COMPAT_APP_DIR: appDir, COMPAT_STRAPI_VERSION: version });
  } finally {
    // About 700 MB each.
    fs.rmSync(appDir, { recursive: true, force: true });
  }
};

/**
 * The phase: packs once, then checks each version, the smoke suite run by `runSuite(label, env)`.
 * What stops a version before its suite (npm refusing the tarball, a failed build) is reported
 * with `failPhase(label, error)`, and the next version still runs.
 */
const runCompatibility = ({ runSuite, failPhase }) => {
  let tarball;
  try {
    tarball = timed('npm pack (fresh copy, prepack builds)', packPlugin);
  } catch (error) {
    failPhase('Compatibility: npm pack', error);
    return;
  }
  for (const version of COMPAT_VERSIONS) {
    try {
      checkVersion(version, tarball, runSuite);
    } catch (error) {
      failPhase(`Compatibility: packed plugin on Strapi ${version}`, error);
    }
  }
  fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
};

module.exports = { COMPAT_VERSIONS, runCompatibility };

if (require.main === module) {
  const versions = process.argv[2] ? [process.argv[2]] : COMPAT_VERSIONS;
  const tarball = timed('npm pack', packPlugin);
  for (const version of versions) {
    const appDir = copyApp(version);
    installApp(appDir, version, tarball);
    console.log(`Strapi ${version} with the packed plugin: COMPAT_APP_DIR=${appDir} COMPAT_STRAPI_VERSION=${version}`);
  }
}
