'use strict';

const { execFileSync, spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const readline = require('node:readline');

const ROOT = path.resolve(__dirname, '..');
const PLAYGROUND = path.join(ROOT, 'playground');
const BIN = path.join(ROOT, 'node_modules/.bin');

/** Runs a command with the repository's node_modules/.bin on the PATH; stops the script on failure. */
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    ...options,
    env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ...options.env },
  });
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
  return result;
};

/**
 * `run`, without blocking: resolves when the command succeeds, rejects when it fails. Each line it
 * prints is prefixed with `prefix`, so that commands running at the same time can be told apart.
 */
const runAsync = (command, args, { prefix, ...options }) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      ...options,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PATH: `${BIN}${path.delimiter}${process.env.PATH}`, ...options.env },
    });
    for (const output of [child.stdout, child.stderr]) {
      readline.createInterface({ input: output }).on('line', (line) => console.log(`${prefix} ${line}`));
    }
    child.on('error', reject);
    child.on('close', (status, signal) => {
      if (status === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (exit ${status ?? signal})`));
    });
  });

/** Builds the plugin's admin and server bundles into dist/, as a site installing it from npm gets them. */
const buildPlugin = () => {
  run('strapi-plugin', ['build', '--silent']);
  // The bundles' type declarations import the shared module (shared/) from dist/shared.
  run('tsc', ['-p', 'shared/tsconfig.build.json']);
};

/** Compiles the playground's TypeScript (config, src) into playground/dist, which Strapi loads. */
const compilePlayground = () => run('tsc', ['-p', path.join(PLAYGROUND, 'tsconfig.json')]);

/**
 * `strapi build` of the playground: compiles it and builds its admin panel with the plugin in it.
 * `args` go to `strapi build` (the bench adds --sourcemap).
 */
const buildAdminPanel = (env = {}, args = []) =>
  run('strapi', ['build', ...args], {
    cwd: PLAYGROUND,
    env: { STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production', ...env },
  });

/** Fresh values for the secrets a Strapi app reads at start (APP_KEYS holds two keys). */
const freshAppSecrets = () => {
  const secret = () => crypto.randomBytes(16).toString('base64');
  return {
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
  };
};

/** A TCP port free on loopback right now, for a server to listen on. */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** The same, found without waiting for an event loop: for the scripts that start database servers synchronously. */
const freePortSync = () =>
  Number(
    execFileSync(process.execPath, [
      '-e',
      "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
    ]).toString()
  );

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * The command line that runs `command` as the system user `user` when this process is root (the
 * database servers' tools refuse root), and as this user otherwise: `[file, argv]`.
 */
const asUser = (user, command, args) => (isRoot() ? ['runuser', ['-u', user, '--', command, ...args]] : [command, args]);

/** Runs `command` to its end as `user` (see asUser); throws with what it printed if it fails. */
const runAsUser = (user, command, args) => {
  const [file, argv] = asUser(user, command, args);
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} failed: ${result.stderr || result.stdout}`);
  }
  return result;
};

/** Hands a directory to `user` when this process is root, so that a server run as that user can write to it. */
const giveToUser = (user, dir) => {
  if (isRoot()) execFileSync('chown', ['-R', user, dir]);
};

/** The first of `dirs` that holds an executable named `name`, or null. */
const findBinDir = (name, dirs) =>
  dirs.find((dir) => {
    try {
      fs.accessSync(path.join(dir, name), fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  }) ?? null;

/** Blocks this process for `ms` milliseconds (the synchronous scripts' wait between two tries). */
const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Resolves once the Strapi at `url` answers its /_health with 204 (with `instanceId`: as the
 * process started with TEST_INSTANCE_ID, see playground/src/test-instance.ts); fails at once if its
 * process (`child`) exits, or after `timeoutMs`, with what it logged (`logs()`) in the message.
 */
const waitForHealth = async (url, child, logs, timeoutMs, instanceId) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Strapi exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${url}/_health`);
      // With `instanceId`, only the answer of that very process (X-Test-Instance) counts.
      if (res.status === 204 && (!instanceId || res.headers.get('x-test-instance') === instanceId)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Strapi did not answer at ${url} within ${timeoutMs} ms:\n${logs()}`);
};

module.exports = {
  ROOT,
  PLAYGROUND,
  run,
  runAsync,
  buildPlugin,
  buildAdminPanel,
  compilePlayground,
  freshAppSecrets,
  freePort,
  freePortSync,
  isRoot,
  asUser,
  runAsUser,
  giveToUser,
  findBinDir,
  sleepSync,
  waitForHealth,
};
