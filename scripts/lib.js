'use strict';

const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const net = require('node:net');
const path = require('node:path');

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
  run('strapi', ['build', ...args], { cwd: PLAYGROUND, env: { STRAPI_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production', ...env } });

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

/**
 * Resolves once the Strapi at `url` answers its /_health with 204; fails at once if its process
 * (`child`) exits, or after `timeoutMs`, with what it logged (`logs()`) in the message.
 */
const waitForHealth = async (url, child, logs, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Strapi exited with ${child.exitCode}:\n${logs()}`);
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Strapi did not answer at ${url} within ${timeoutMs} ms:\n${logs()}`);
};

module.exports = { ROOT, PLAYGROUND, run, buildPlugin, buildAdminPanel, compilePlayground, freshAppSecrets, freePort, waitForHealth };
