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
 * The pack and the versions' installs and builds run at the same time, one process each (installs
 * wait on the disk, builds use one core each); the output of each is prefixed with its name.
 * The smoke suite (tests/compat) then starts each app and checks the plugin in it.
 *
 * `node scripts/compat.js [version]` prepares the apps and keeps them, for running the suite by
 * hand: it prints the variables for `<them> npx jest --selectProjects compat`.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, runAsync } = require('./lib');
const { keepPrebuild, prebuildsEnv } = require('./prebuilds');
const { recordPhase } = require('./timings');

/** The oldest Strapi 5 of the peer range that installs here (see STRAPI-NOTES), and the current one. */
const COMPAT_VERSIONS = ['5.13.0', '5.54.0'];
const APPS_DIR = path.join(ROOT, 'tests/compat/apps');

const tempDir = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** The row of the run's table for the steps that run at the same time; each step's own row says it ran beside it. */
const SETUP = 'Compatibility setup: npm pack and every version installed and built';
const BESIDE = 'compatibility setup';

/**
 * Awaits `fn`, printing how long it took and recording it in the run's table of phases (`beside`
 * the steps that ran at the same time); resolves to what `fn` resolves to.
 */
const timed = async (label, fn, beside) => {
  const started = Date.now();
  const result = await fn();
  const seconds = (Date.now() - started) / 1000;
  console.log(`[compat] ${label}: ${seconds.toFixed(1)} s`);
  recordPhase({ label: `Compatibility: ${label}`, seconds, beside });
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
const packPlugin = async () => {
  const clone = copyAsFreshClone();
  const destination = tempDir('invitations-tarball-');
  try {
    await runAsync('npm', ['pack', '--pack-destination', destination, '--silent'], {
      cwd: clone,
      env: appEnv(clone),
      prefix: '[npm pack]',
    });
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

/**
 * Installs the app of `version` into `appDir` (a copyApp): its dependencies, then the plugin's
 * tarball once `tarballReady` resolves to it; then builds its admin panel.
 */
const installApp = async (appDir, version, tarballReady) => {
  const inApp = (command, args, env) => () =>
    runAsync(command, args, { cwd: appDir, env: appEnv(appDir, env), prefix: `[Strapi ${version}]` });
  const installAppDependencies = async () => {
    keepPrebuild(ROOT);
    await inApp('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], prebuildsEnv())();
    keepPrebuild(appDir);
  };
  await timed(`Strapi ${version}: npm ci`, installAppDependencies, BESIDE);
  const tarball = await tarballReady;
  await timed(`Strapi ${version}: npm install <tarball>`, inApp('npm', ['install', '--no-audit', '--no-fund', tarball]), BESIDE);
  await timed(`Strapi ${version}: strapi build`, inApp('strapi', ['build'], { NODE_ENV: 'production' }), BESIDE);
};

/** Removes an app (about 700 MB). */
const removeApp = (appDir) => fs.rmSync(appDir, { recursive: true, force: true });

/**
 * The phase: packs once while every version's app installs, then runs the smoke suite in each
 * app with `runSuite(label, env)`, one version after the other. What stops a version before its
 * suite (npm refusing the tarball, a failed build) is reported with `failPhase(label, error)`, and
 * the other versions still run.
 */
const runCompatibility = async ({ runSuite, failPhase }) => {
  // Recorded first, so that the table shows it above the steps it holds; its seconds come at the end.
  const setup = { label: SETUP, seconds: 0 };
  recordPhase(setup);
  const setupStarted = Date.now();
  const tarballReady = timed('npm pack (fresh copy, prepack builds)', packPlugin, BESIDE);
  // Settled now, so that a failed pack is never an unhandled rejection while the installs run.
  const packed = Promise.allSettled([tarballReady]).then(([outcome]) => outcome);
  const apps = COMPAT_VERSIONS.map((version) => ({ version, appDir: copyApp(version) }));
  const installs = await Promise.allSettled(apps.map(({ version, appDir }) => installApp(appDir, version, tarballReady)));
  const pack = await packed;
  setup.seconds = (Date.now() - setupStarted) / 1000;
  try {
    if (pack.status === 'rejected') {
      failPhase('Compatibility: npm pack', pack.reason);
      return;
    }
    apps.forEach(({ version, appDir }, index) => {
      const label = `Compatibility: packed plugin on Strapi ${version}`;
      if (installs[index].status === 'rejected') failPhase(label, installs[index].reason);
      else runSuite(label, { COMPAT_APP_DIR: appDir, COMPAT_STRAPI_VERSION: version });
    });
  } finally {
    for (const { appDir } of apps) removeApp(appDir);
    if (pack.status === 'fulfilled') fs.rmSync(path.dirname(pack.value), { recursive: true, force: true });
  }
};

module.exports = { COMPAT_VERSIONS, runCompatibility };

if (require.main === module) {
  const versions = process.argv[2] ? [process.argv[2]] : COMPAT_VERSIONS;
  const tarballReady = packPlugin();
  Promise.all(
    versions.map(async (version) => {
      const appDir = copyApp(version);
      await installApp(appDir, version, tarballReady);
      console.log(`Strapi ${version} with the packed plugin: COMPAT_APP_DIR=${appDir} COMPAT_STRAPI_VERSION=${version}`);
    })
  ).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
