'use strict';

/**
 * better-sqlite3 12 has no prebuilt binary this machine can download, so each install compiles it
 * from source (1 to 2 minutes on 2 cores). Its installer, prebuild-install, first looks in a local
 * prebuilds directory given by `npm_config_better_sqlite3_local_prebuilds`: the build of the
 * repository's own install (or of the first compatibility app, if that version differs) is kept there, as an archive of the same name and layout as the package's own release
 * archives, and every later install of that version on this Node unpacks it instead of compiling.
 *
 * The directory is inside the npm cache, so a run with an empty cache (npm_config_cache=<dir>)
 * compiles again, as it would on a new machine.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PACKAGE = 'better-sqlite3';
const BINARY = 'build/Release/better_sqlite3.node';

const npmCacheDir = () => process.env.npm_config_cache || path.join(os.homedir(), '.npm');

const prebuildsDir = () => path.join(npmCacheDir(), '_local-prebuilds');

/** The name prebuild-install looks for (glibc Linux, or any platform without a libc suffix). */
const archiveName = (version) =>
  `${PACKAGE}-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;

/** What an app's installs need in their environment to use the kept builds. */
const prebuildsEnv = () => ({ npm_config_better_sqlite3_local_prebuilds: prebuildsDir() });

/** Keeps the binary an app's install built, unless one of that version is kept already. */
const keepPrebuild = (appDir) => {
  const packageDir = path.join(appDir, 'node_modules', PACKAGE);
  if (!fs.existsSync(path.join(packageDir, BINARY))) return;
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const archive = path.join(prebuildsDir(), archiveName(version));
  if (fs.existsSync(archive)) return;
  fs.mkdirSync(prebuildsDir(), { recursive: true });
  // Written aside, then renamed: a run stopped halfway leaves no broken archive to unpack.
  const partial = `${archive}.${process.pid}.partial`;
  execFileSync('tar', ['-czf', partial, '-C', packageDir, BINARY]);
  fs.renameSync(partial, archive);
};

module.exports = { prebuildsEnv, keepPrebuild };
