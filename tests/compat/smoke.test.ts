import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, openAdminPage } from '../helpers/browser';
import { testEnv } from '../helpers/env';
import { expectExactStrapiError, inDays, newAccount } from '../helpers/fixtures';
import { adminClient, standaloneApp, startStrapiApp, type AdminClient, type StrapiProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';
import { invitationsSnippet } from '../../scripts/readme-snippets';

/**
 * The packed plugin in a clean app of one Strapi version (COMPAT_APP_DIR, made by scripts/compat.js
 * for COMPAT_STRAPI_VERSION): what a site gets from `npm install strapi-plugin-invitations`.
 */
jest.setTimeout(120_000);

const APP_DIR = process.env.COMPAT_APP_DIR ?? '';
const STRAPI_VERSION = process.env.COMPAT_STRAPI_VERSION ?? '';
/** `create-strapi-app` (the app a newcomer makes, configured by the README) or `by hand`. */
const MADE_WITH = process.env.COMPAT_APP_MADE_WITH ?? 'by hand';

let server: StrapiProcess;
let admin: AdminClient;

beforeAll(async () => {
  if (!APP_DIR || !STRAPI_VERSION) {
    throw new Error(
      'Run by scripts/test.js; by hand: node scripts/compat.js <version>, then COMPAT_APP_DIR and COMPAT_STRAPI_VERSION'
    );
  }
  const started = Date.now();
  server = await startStrapiApp(standaloneApp(APP_DIR), testEnv({ NODE_ENV: 'production' }), (url) => ({
    INVITATIONS_REDIRECT_ORIGINS: url,
  }));
  // Not through console.log: Jest would wrap it in a stack trace.
  process.stdout.write(
    `[compat] Strapi ${STRAPI_VERSION}: strapi start answered in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
  );
  // The first admin, as a new owner makes it on the admin panel's first screen.
  const registered = await fetch(`${server.url}/admin/register-admin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, firstname: 'Smoke', lastname: 'Admin' }),
  });
  if (!registered.ok) throw new Error(`register-admin: ${registered.status} ${await registered.text()}`);
  admin = await adminClient(server.url);
});
afterAll(async () => {
  await server?.stop();
});

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

const api = async (urlPath: string, init: { method?: string; body?: unknown } = {}) => {
  const res = await fetch(`${server.url}${urlPath}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
};

const register = (fields: Record<string, unknown>) => api('/api/auth/local/register', { body: { ...newAccount(), ...fields } });

describe('the installed app', () => {
  test(`runs Strapi ${STRAPI_VERSION} with the plugin from its tarball: a copy of its own, no private @strapi packages`, async () => {
    const information = await admin.expectOk('/admin/information');
    expect(information.data.strapiVersion).toBe(STRAPI_VERSION);

    const pluginDir = path.join(APP_DIR, 'node_modules/strapi-plugin-invitations');
    expect(fs.lstatSync(pluginDir).isSymbolicLink()).toBe(false);
    expect(readJson(path.join(APP_DIR, 'package.json')).dependencies['strapi-plugin-invitations']).toMatch(/^file:.*\.tgz$/);
    expect(fs.existsSync(path.join(pluginDir, 'node_modules'))).toBe(false);
  });
});

(MADE_WITH === 'create-strapi-app' ? describe : describe.skip)('the app a newcomer makes with create-strapi-app', () => {
  test("is create-strapi-app's TypeScript app, its plugins file the scaffold's with the README's block pasted in", () => {
    const manifest = readJson(path.join(APP_DIR, 'package.json'));
    expect(manifest.strapi?.uuid).toEqual(expect.any(String));
    expect(manifest.devDependencies?.typescript).toBeDefined();

    const plugins = fs.readFileSync(path.join(APP_DIR, 'config/plugins.ts'), 'utf8');
    expect(plugins).toContain(invitationsSnippet('config/plugins.ts'));
    expect(plugins).toContain("jwtManagement: 'refresh'");
  });
});

describe('the admin API', () => {
  test('creates, lists and deletes a link', async () => {
    const link = await admin.createLink({ name: 'Compat smoke', maxUses: 2, expiresAt: inDays(3) });
    expect(link).toMatchObject({ name: 'Compat smoke', maxUses: 2, usedCount: 0, status: 'active' });
    expect(link.url).toBe(`${server.url}/invitations/join/${link.token}`);

    const listed = await admin.expectOk('/invitations/invitations');
    expect(listed.results.map((row: { id: number }) => row.id)).toContain(link.id);

    await admin.expectOk(`/invitations/invitations/${link.id}`, { method: 'DELETE' });
    expectExactStrapiError(await admin.request(`/invitations/invitations/${link.id}`), 404, 'NotFoundError');
    const after = await admin.expectOk('/invitations/invitations');
    expect(after.results.map((row: { id: number }) => row.id)).not.toContain(link.id);
  });

  test('answers a bad create with a 400 ValidationError naming each wrong field', async () => {
    const res = await admin.request('/invitations/invitations', { body: { name: '', maxUses: 0, expiresAt: 'soon' } });
    expectExactStrapiError(res, 400, 'ValidationError');
    const fields = res.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'));
    expect(new Set(fields)).toEqual(new Set(['name', 'maxUses', 'expiresAt']));
  });
});

describe('sign-up through POST /api/auth/local/register', () => {
  test('403 without a token, 404 with an unknown one', async () => {
    expectExactStrapiError(await register({}), 403, 'ForbiddenError');
    expectExactStrapiError(await register({ invitationToken: 'B'.repeat(43) }), 404, 'NotFoundError');
  });

  test('200 with a valid token, then 410 once the link is used up', async () => {
    const link = await admin.createLink({ maxUses: 1 });
    const account = newAccount();
    const res = await register({ ...account, invitationToken: link.token });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ username: account.username, email: account.email });

    const usedUp = await register({ invitationToken: link.token });
    expectExactStrapiError(usedUp, 410, 'GoneError');
    expect(usedUp.body.error.details).toEqual({ reason: 'exhausted' });
  });
});

/** The hosted page's form, as a browser without JavaScript gets it: its CSRF value and cookie. */
const openJoinPage = async (token: string) => {
  const res = await fetch(`${server.url}/invitations/join/${token}`);
  const html = await res.text();
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  return { status: res.status, html, cookie, csrf: /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
};

describe('the hosted sign-up page', () => {
  test('signs a visitor up and sends them to the page after sign-up', async () => {
    const link = await admin.createLink({ welcomeMessage: 'Welcome, compat tester', redirectUrl: `${server.url}/welcome` });
    const page = await openJoinPage(link.token);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Welcome, compat tester');
    expect(page.csrf).not.toBe('');

    const account = newAccount();
    const submitted = await fetch(`${server.url}/invitations/join/${link.token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: page.cookie },
      body: new URLSearchParams({ csrf: page.csrf, ...account }),
    });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.get('location')).toBe(`${server.url}/welcome`);
    expect((await admin.expectOk(`/invitations/invitations/${link.id}`)).data.usedCount).toBe(1);
  });

  test('404 for an unknown link, with no form', async () => {
    const page = await openJoinPage('B'.repeat(43));
    expect(page.status).toBe(404);
    expect(page.html).not.toContain('<form');
  });
});

describe('the Invitations page of the admin panel, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('lists the links, with no page error', async () => {
    const link = await admin.createLink({ name: 'Shown in the list' });
    const page = await openAdminPage(browser, server.url, 'en-US');
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Loaded again under watch: the plugin's register() and bootstrap() run as the panel loads.
    await page.goto('/admin');

    await page.getByRole('link', { name: 'Invitations', exact: true }).click();
    await page.getByRole('heading', { name: 'Invitations', level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: link.name as string });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(`0 / ${link.maxUses}`);
    expect(pageErrors).toEqual([]);
  });
});
