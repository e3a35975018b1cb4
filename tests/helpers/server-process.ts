import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PLAYGROUND_DIR } from './env';

// Shared with the bench's sites: plain CommonJS in scripts/.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { freePort, waitForHealth } = require('../../scripts/lib') as {
  freePort: () => Promise<number>;
  waitForHealth: (url: string, child: ChildProcess, logs: () => string, timeoutMs: number) => Promise<void>;
};

export interface PlaygroundProcess {
  url: string;
  env: Record<string, string>;
  logs: () => string;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
  crash: () => Promise<void>;
}

/**
 * Starts the playground with `strapi start` in a child process (its admin panel must be built:
 * `npm test` does it), as a site owner runs it. Env is what the tests add to the secrets;
 * `envForUrl` adds settings that depend on the address the server will have.
 */
export const startPlayground = async (
  env: Record<string, string>,
  envForUrl: (url: string) => Record<string, string> = () => ({})
): Promise<PlaygroundProcess> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const fullEnv = { ...(process.env as Record<string, string>), ...env, ...envForUrl(url), HOST: '127.0.0.1', PORT: String(port) };
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../node_modules/@strapi/strapi/bin/strapi.js'), 'start'], {
    cwd: PLAYGROUND_DIR,
    env: fullEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const logs = () => output;
  const exited = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
    });
  try {
    await waitForHealth(url, child, logs, 60_000);
  } catch (error) {
    // A server that never became healthy must not outlive the test that started it.
    const done = exited();
    child.kill('SIGKILL');
    await done;
    throw error;
  }
  return {
    url,
    env: fullEnv,
    logs,
    stop: () => {
      const done = exited();
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      return done;
    },
    crash: () => {
      const done = exited();
      child.kill('SIGKILL');
      return done;
    },
  };
};

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
