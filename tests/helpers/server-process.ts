import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Shared with the bench's sites: plain CommonJS in scripts/.
import { freePort, waitForHealth } from '../../scripts/lib';
import { PLAYGROUND_DIR } from './env';
import { inDays, type InvitationFields, type JsonBody } from './fixtures';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './strapi';

export interface StrapiProcess {
  url: string;
  env: Record<string, string>;
  logs: () => string;
  stop: () => Promise<void>;
  /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
  crash: () => Promise<void>;
}

export type PlaygroundProcess = StrapiProcess;

/** A Strapi app on disk: its directory, and the `strapi` command that runs it. */
export interface StrapiAppDir {
  dir: string;
  strapiBin: string;
  /** The app names its process in each answer when given TEST_INSTANCE_ID (the playground does). */
  namesInstance?: boolean;
}

/** The playground uses the workspace's Strapi, hoisted to the repository's node_modules. */
const PLAYGROUND_APP: StrapiAppDir = {
  dir: PLAYGROUND_DIR,
  strapiBin: path.resolve(__dirname, '../../node_modules/@strapi/strapi/bin/strapi.js'),
  namesInstance: true,
};

/** An app installed on its own (a compatibility app): its own Strapi, in its own node_modules. */
export const standaloneApp = (dir: string): StrapiAppDir => ({
  dir,
  strapiBin: path.join(dir, 'node_modules/@strapi/strapi/bin/strapi.js'),
});

/**
 * Starts the playground with `strapi start` in a child process (its admin panel must be built:
 * `npm test` does it), as a site owner runs it. Env is what the tests add to the secrets;
 * `envForUrl` adds settings that depend on the address the server will have.
 */
export const startPlayground = (env: Record<string, string>, envForUrl?: (url: string) => Record<string, string>) =>
  startStrapiApp(PLAYGROUND_APP, env, envForUrl);

/** Tries to start a server on a port another process took since it was found free. */
const MAX_PORT_TRIES = 3;

/**
 * `strapi start` of `app` on a free port, as startPlayground does for the playground; on another
 * port if the one found free was taken before Strapi could listen on it.
 */
export const startStrapiApp = async (
  app: StrapiAppDir,
  env: Record<string, string>,
  envForUrl: (url: string) => Record<string, string> = () => ({})
): Promise<StrapiProcess> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnFreePort(app, env, envForUrl);
    } catch (error) {
      if (attempt >= MAX_PORT_TRIES || !/EADDRINUSE/.test(String((error as Error).message))) throw error;
    }
  }
};

const startOnFreePort = async (
  app: StrapiAppDir,
  env: Record<string, string>,
  envForUrl: (url: string) => Record<string, string>
): Promise<StrapiProcess> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Another suite may be handed the same free port: the health check waits for this process's own answer.
  const instanceId = app.namesInstance ? crypto.randomUUID() : undefined;
  const fullEnv = {
    ...(process.env as Record<string, string>),
    ...env,
    ...envForUrl(url),
    HOST: '127.0.0.1',
    PORT: String(port),
    ...(instanceId && { TEST_INSTANCE_ID: instanceId }),
  };
  const child = spawn(process.execPath, [app.strapiBin, 'start'], {
    cwd: app.dir,
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
    await waitForHealth(url, child, logs, 60_000, instanceId);
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

export interface AdminResponse {
  status: number;
  body: JsonBody;
}

export interface AdminClient {
  token: string;
  /** One call to the admin API (GET, or POST when there is a body): its status and parsed body. */
  request: (path: string, init?: { method?: string; body?: unknown }) => Promise<AdminResponse>;
  /** The same call, failing with the answer in the message unless it succeeds (2xx); its body. */
  expectOk: (path: string, init?: { method?: string; body?: unknown }) => Promise<JsonBody>;
  /** A new invitation link (5 seats, a week) with `fields` changed; fails unless it is created. */
  createLink: (fields?: InvitationFields) => Promise<{ id: number; token: string; url: string; [key: string]: unknown }>;
}

/**
 * The admin API of a started playground, as the super admin its DEMO_ADMIN_* variables create
 * (ADMIN_EMAIL, ADMIN_PASSWORD), logged in once. `url` may be a function that gives the current
 * address, for a server that is restarted on another port.
 */
export const adminClient = async (url: string | (() => string)): Promise<AdminClient> => {
  const baseUrl = typeof url === 'string' ? () => url : url;
  let token = '';
  const request: AdminClient['request'] = async (path, { method, body } = {}) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method: method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(body !== undefined && { 'Content-Type': 'application/json' }),
        ...(token && { Authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: the text, for the error message
    }
    return { status: res.status, body: parsed };
  };
  const expectOk: AdminClient['expectOk'] = async (path, init) => {
    const res = await request(path, init);
    if (res.status < 200 || res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  token = (await expectOk('/admin/login', { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } })).data.token;
  return {
    token,
    request,
    expectOk,
    createLink: async (fields = {}) => {
      const res = await request('/invitations/invitations', {
        body: { name: 'Test link', maxUses: 5, expiresAt: inDays(7), ...fields },
      });
      if (res.status !== 201) throw new Error(`create link: expected 201, got ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.data;
    },
  };
};

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
