import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PLAYGROUND_DIR } from './env';

export interface PlaygroundProcess {
  url: string;
  env: Record<string, string>;
  logs: () => string;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
  crash: () => Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const waitForHealth = async (url: string, child: ChildProcess, logs: () => string, timeoutMs = 60_000) => {
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
    await waitForHealth(url, child, logs);
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
