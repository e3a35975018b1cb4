import crypto from 'node:crypto';
import request from 'supertest';
import { workerGlobal } from './native-strapi';
import type { TestApp } from './strapi';

/** Where the site's front end would receive the browser back from the provider flow. */
export const FRONT_END_CALLBACK = 'http://front.example.com/connect/github/redirect';

export interface GitHubProfile {
  login: string;
  email: string;
}

const realFetch = workerGlobal.fetch;
const profilesByCode = new Map<string, GitHubProfile>();

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

const headerOf = (init: RequestInit | undefined, name: string) => new Headers(init?.headers).get(name) ?? '';

/**
 * GitHub, as users-permissions reaches it: its HTTP calls (token exchange, profile, emails) go
 * through the global `fetch` of the worker Strapi runs in, which this replaces for github.com
 * hosts only. Everything from the browser redirect to the account creation runs for real.
 */
const fakeGitHubFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.href === 'https://github.com/login/oauth/access_token') {
    const code = new URLSearchParams(String(init?.body)).get('code') ?? '';
    if (!profilesByCode.has(code)) return new Response(JSON.stringify({ error: 'bad_verification_code' }), { status: 400 });
    return json({ access_token: `gho_${code}`, token_type: 'bearer', scope: 'user,user:email' });
  }
  if (url.host === 'api.github.com') {
    const profile = profilesByCode.get(headerOf(init, 'authorization').replace(/^Bearer gho_/, ''));
    if (!profile) return new Response(JSON.stringify({ message: 'Bad credentials' }), { status: 401 });
    if (url.pathname === '/user') return json({ login: profile.login, email: profile.email });
    if (url.pathname === '/user/emails') return json([{ email: profile.email, verified: true, primary: true }]);
  }
  return realFetch(input, init);
};

/** Turns GitHub on in users-permissions' provider settings, with the fake GitHub behind it. */
export const enableFakeGitHub = async (app: TestApp) => {
  workerGlobal.fetch = fakeGitHubFetch;
  const store = app.strapi.store({ type: 'plugin', name: 'users-permissions', key: 'grant' });
  const grant = (await store.get({})) as Record<string, Record<string, unknown>>;
  await store.set({
    value: {
      ...grant,
      github: { ...grant.github, enabled: true, key: 'client-id', secret: 'client-secret', callback: FRONT_END_CALLBACK },
    },
  });
};

export const restoreFetch = () => {
  workerGlobal.fetch = realFetch;
};

export const gitHubProfile = (): GitHubProfile => {
  const id = crypto.randomBytes(4).toString('hex');
  return { login: `octo${id}`, email: `octo${id}@example.com` };
};

/**
 * The whole browser round trip of "Sign in with GitHub", optionally started from an invitation
 * link: the plugin's start route, users-permissions' /api/connect/github, GitHub's redirect back
 * with a code, then the front end's call to /api/auth/github/callback, whose answer is returned.
 */
export const signInWithGitHub = async (
  app: TestApp,
  profile: GitHubProfile,
  /** The invitation's token, or its code typed by hand. */
  invitation?: string | { code: string },
  {
    whileAtGitHub,
    browser = request.agent(app.strapi.server.httpServer),
  }: { whileAtGitHub?: () => Promise<void>; browser?: ReturnType<typeof request.agent> } = {}
) => {
  if (invitation !== undefined) {
    const start = await browser.get(
      typeof invitation === 'string'
        ? `/api/invitations/${invitation}/connect/github`
        : `/api/invitations/code/${encodeURIComponent(invitation.code)}/connect/github`
    );
    if (start.status !== 302) return start;
  }
  const connect = await browser.get('/api/connect/github');
  if (connect.status !== 302) throw new Error(`connect: ${connect.status} ${JSON.stringify(connect.body)}`);
  const state = new URL(connect.headers.location).searchParams.get('state');
  await whileAtGitHub?.();
  const code = crypto.randomBytes(8).toString('hex');
  profilesByCode.set(code, profile);
  const back = await browser.get('/api/connect/github/callback').query({ code, state });
  if (back.status !== 302 || !back.headers.location.startsWith(FRONT_END_CALLBACK)) {
    throw new Error(`provider callback: ${back.status} ${back.headers.location}`);
  }
  return browser.get('/api/auth/github/callback');
};
