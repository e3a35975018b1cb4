'use strict';

/**
 * The compatibility phase of `npm test`: the plugin packed exactly as it would be published, in
 * clean Strapi apps of the oldest version of its peer range and of the version it is developed on
 * (scripts/compat-apps.js says how each app is made).
 *
 * 1. `npm test` packs the plugin first of all (packPlugin: `npm pack`, whose `prepack` builds dist/,
 *    so the build the other phases test is the one in the tarball).
 * 2. startCompatibilitySetup then starts, in a process of its own beside the later phases, the
 *    making of each version's app, its dependencies (`npm ci`, or the ones .ci/run fetched beside
 *    its own install: COMPAT_FETCHED_DIR), the tarball installed with a plain `npm install
 *    <tarball>`, and its admin panel built with `strapi build`. The versions go at the same time,
 *    their output prefixed with their name, and printed once the setup is done.
 * 3. runCompatibility waits for it and runs the smoke suite (tests/compat) in each app.
 *
 * `node scripts/compat.js [version]` packs, prepares the apps and keeps them, for running the suite
 * by hand: it prints the variables for `<them> npx jest --selectProjects compat`.
 * `node scripts/compat.js --fetch <dir>` makes every app under <dir> with its dependencies' files
 * and writes <dir>/fetched.json (what .ci/run starts beside its `npm ci`).
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ROOT, run } = require('./lib');
const apps = require('./compat-apps');
const { recordedPhases, recordPhase } = require('./timings');

/** The oldest Strapi 5 of the peer range that installs here (see STRAPI-NOTES), and the current one. */
const COMPAT_VERSIONS = ['5.13.0', '5.54.0'];

const FETCHED_MANIFEST = 'fetched.json';
/** How long the setup waits for the apps .ci/run is fetching before it fetches them itself. */
const FETCH_WAIT_MS = 15 * 60 * 1000;

const tempDir = (prefix) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** The row of the run's table for the steps that run at the same time; each step's own row says it ran beside it. */
const SETUP = 'Compatibility setup: every version installed and built';
const BESIDE = 'compatibility setup';

/**
 * Awaits `fn`, printing how long it took and recording it in the run's table of phases (beside
 * the setup's other steps); resolves to what `fn` resolves to.
 */
const timed = async (label, fn) => {
  const started = Date.now();
  const result = await fn();
  const seconds = (Date.now() - started) / 1000;
  console.log(`[compat] ${label}: ${seconds.toFixed(1)} s`);
  recordPhase({ label: `Compatibility: ${label}`, seconds, beside: BESIDE });
  return result;
};

/**
 * `npm pack` of the repository, whose `prepack` builds dist/ from the sources (an old dist/ is
 * removed first, so nothing left over from another build is packed): the tarball's path, in a
 * directory of its own.
 */
const packPlugin = () => {
  fs.rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
  const destination = tempDir('invitations-tarball-');
  run('npm', ['pack', '--pack-destination', destination, '--silent']);
  const [tarball] = fs.readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${destination}`);
  return path.join(destination, tarball);
};

/** `--fetch <dir>`: every version's app under `dir` with its dependencies' files; <dir>/fetched.json says what became of each. */
const fetchApps = async (dir) => {
  const fetched = await Promise.all(
    COMPAT_VERSIONS.map(async (version) => {
      try {
        const appDir = await apps.makeApp(version, dir);
        await apps.fetchDependencies(appDir, version);
        return { version, appDir };
      } catch (error) {
        return { version, error: String(error.message) };
      }
    })
  );
  // Written aside, then renamed: the setup never reads half a file.
  fs.writeFileSync(path.join(dir, `${FETCHED_MANIFEST}.partial`), JSON.stringify(fetched));
  fs.renameSync(path.join(dir, `${FETCHED_MANIFEST}.partial`), path.join(dir, FETCHED_MANIFEST));
};

let fetchOutputPrinted = false;
/** What the fetching beside .ci/run's npm ci printed (its own output.log), with the setup's. */
const printFetchOutputOnce = (dir) => {
  const log = path.join(dir, 'output.log');
  if (fetchOutputPrinted || !fs.existsSync(log)) return;
  fetchOutputPrinted = true;
  console.log(`[compat] Fetched beside .ci/run's npm ci:\n${fs.readFileSync(log, 'utf8')}`);
};

/** The app .ci/run fetched for `version`, once its fetching is over; null if there is none or it failed. */
const fetchedApp = async (version) => {
  const dir = process.env.COMPAT_FETCHED_DIR;
  if (!dir) return null;
  const manifest = path.join(dir, FETCHED_MANIFEST);
  const deadline = Date.now() + FETCH_WAIT_MS;
  while (!fs.existsSync(manifest) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000));
  if (!fs.existsSync(manifest)) return null;
  printFetchOutputOnce(dir);
  const app = JSON.parse(fs.readFileSync(manifest, 'utf8')).find((entry) => entry.version === version);
  if (app?.error) console.log(`[Strapi ${version}] fetching beside .ci/run's npm ci failed (${app.error}): fetching again`);
  return app?.appDir ?? null;
};

/** One version's app, installed with the plugin and built; resolves to its directory. */
const prepareApp = async (version, tarball) => {
  let appDir = await fetchedApp(version);
  if (!appDir) {
    appDir = await timed(`Strapi ${version}: app made`, () => apps.makeApp(version));
    await timed(`Strapi ${version}: npm ci --ignore-scripts`, () => apps.fetchDependencies(appDir, version));
  }
  await timed(`Strapi ${version}: npm rebuild (install scripts)`, () => apps.runInstallScripts(appDir, version));
  await timed(`Strapi ${version}: npm install <tarball>`, () => apps.installTarball(appDir, version, tarball));
  await timed(`Strapi ${version}: strapi build`, () => apps.buildAdminPanel(appDir, version));
  return appDir;
};

/**
 * Every version's app with `tarball` installed: `{ apps: [{ version, appDir, error? }], phases }`
 * (`phases`: the steps' rows for the run's table). A version that fails does not stop the others.
 */
const prepareApps = async (tarball, versions = COMPAT_VERSIONS) => {
  const setup = { label: SETUP, seconds: 0 };
  recordPhase(setup);
  const started = Date.now();
  const outcomes = await Promise.allSettled(versions.map((version) => prepareApp(version, tarball)));
  setup.seconds = (Date.now() - started) / 1000;
  return {
    apps: outcomes.map((outcome, index) =>
      outcome.status === 'fulfilled'
        ? { version: versions[index], appDir: outcome.value }
        : { version: versions[index], error: String(outcome.reason?.message ?? outcome.reason) }
    ),
    phases: recordedPhases(),
  };
};

/**
 * Starts prepareApps for `tarball` in a process of its own, its output kept in a file, so that
 * `npm test` goes on with its other phases meanwhile. `finished()` resolves, once it exits, to its
 * outcome and what it printed.
 */
const startCompatibilitySetup = (tarball) => {
  const dir = tempDir('invitations-compat-setup-');
  const manifest = path.join(dir, 'manifest.json');
  const log = path.join(dir, 'output.log');
  const output = fs.openSync(log, 'w');
  const child = spawn(process.execPath, [__filename, '--setup', tarball, manifest], {
    cwd: ROOT,
    stdio: ['ignore', output, output],
  });
  fs.closeSync(output);
  const stopWithUs = () => child.kill();
  process.on('exit', stopWithUs);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    finished: async () => {
      const status = await exited;
      process.off('exit', stopWithUs);
      const printed = fs.readFileSync(log, 'utf8');
      const outcome = fs.existsSync(manifest)
        ? JSON.parse(fs.readFileSync(manifest, 'utf8'))
        : { apps: [{ version: 'all', error: `the setup process exited with ${status} before it was done` }], phases: [] };
      fs.rmSync(dir, { recursive: true, force: true });
      return { ...outcome, printed };
    },
  };
};

/**
 * The phase, once `setup` (startCompatibilitySetup, started `beside` other phases) has finished:
 * runs the smoke suite in each app with `runSuite(label, env)`, one version after the other. What
 * stopped a version before its suite (npm refusing the tarball, a failed build) is reported with
 * `failPhase(label, error)`, and the other versions still run.
 */
const runCompatibility = async ({ setup, beside, runSuite, failPhase }) => {
  const { apps: prepared, phases, printed } = await setup.finished();
  console.log(`\n=== Compatibility setup (ran beside ${beside}) ===\n${printed}`);
  for (const phase of phases) recordPhase(phase.label === SETUP ? { ...phase, beside } : phase);
  try {
    for (const { version, appDir, error } of prepared) {
      const label = `Compatibility: packed plugin on Strapi ${version}`;
      if (error) failPhase(label, new Error(error));
      else
        runSuite(label, { COMPAT_APP_DIR: appDir, COMPAT_STRAPI_VERSION: version, COMPAT_APP_MADE_WITH: apps.madeWith(version) });
    }
  } finally {
    for (const { appDir } of prepared) if (appDir) apps.removeApp(appDir);
  }
};

module.exports = { COMPAT_VERSIONS, packPlugin, runCompatibility, startCompatibilitySetup };

/** Runs `main` as this script's work, failing the process with its error. */
const runMain = (main) =>
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });

if (require.main === module) {
  const [first, ...rest] = process.argv.slice(2);
  if (first === '--fetch') {
    runMain(() => fetchApps(rest[0]));
  } else if (first === '--setup') {
    const [tarball, manifest] = rest;
    runMain(async () => fs.writeFileSync(manifest, JSON.stringify(await prepareApps(tarball))));
  } else {
    runMain(async () => {
      const { apps: prepared } = await prepareApps(packPlugin(), first ? [first] : COMPAT_VERSIONS);
      for (const { version, appDir, error } of prepared) {
        if (error) console.error(`Strapi ${version}: ${error}`);
        else
          console.log(
            `Strapi ${version} with the packed plugin: COMPAT_APP_DIR=${appDir} COMPAT_STRAPI_VERSION=${version} COMPAT_APP_MADE_WITH='${apps.madeWith(version)}'`
          );
      }
    });
  }
}
