import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAdminPage, saveScreenshot } from '../helpers/browser';
import { testEnv } from '../helpers/env';
import { adminClient, startPlayground, type AdminClient, type PlaygroundProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';

jest.setTimeout(120_000);

const USER_UID = 'plugin::users-permissions.user';

let server: PlaygroundProcess;
let browser: Browser;
let admin: AdminClient;

beforeAll(async () => {
  server = await startPlayground(
    testEnv({ NODE_ENV: 'production', DEMO_ADMIN_EMAIL: ADMIN_EMAIL, DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD }),
    // The demo's own welcome page stands for the site's front end.
    (url) => ({ INVITATIONS_REDIRECT_ORIGINS: url })
  );
  browser = await launchChromium();
  admin = await adminClient(server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A visitor with nothing but the link: a browser of their own, in their language. */
const visitor = async (locale: string): Promise<Page> => {
  const context = await browser.newContext({ baseURL: server.url, locale, viewport: { width: 900, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
};

test('an admin sets the first access in the dialog; a stranger signs up on the link and lands where the admin chose', async () => {
  const role = await admin.expectOk('/users-permissions/roles', {
    body: { name: 'Club member', description: 'Invited members', permissions: {} },
  });
  expect(role).toEqual({ ok: true });

  const adminPage = await openAdminPage(browser, server.url, 'en-US');
  await adminPage.goto('/admin/plugins/invitations');
  await adminPage.getByRole('button', { name: 'Create invitation link' }).first().click();
  const dialog = adminPage.getByRole('dialog', { name: 'Create invitation link' });
  await dialog.getByLabel(/^Name/).fill('Riders club launch');
  await dialog.getByLabel(/^Number of invitations/).fill('2');
  await dialog.getByLabel(/^Expiration date/).click();
  await adminPage
    .locator('[role=dialog][aria-label="Pick the expiration date"] td[role=gridcell]:not([aria-disabled=true])')
    .last()
    .click();
  await dialog.getByRole('combobox', { name: /^Role of new accounts/ }).click();
  await adminPage.getByRole('option', { name: 'Club member' }).click();
  await dialog.getByLabel(/^Welcome message/).fill('Welcome to the riders club!\nSunday rides start at 9.');
  await dialog.getByLabel(/^Page after sign-up/).fill(`${server.url}/welcome.html`);
  await dialog.getByRole('combobox', { name: /^homeSection/ }).click();
  await adminPage.getByRole('option', { name: 'events' }).click();
  await dialog.getByRole('combobox', { name: /^newsletter/ }).click();
  await adminPage.getByRole('option', { name: 'Yes' }).click();
  await saveScreenshot(adminPage, 'create-dialog-first-access-en');
  await dialog.getByRole('button', { name: 'Finish' }).click();
  await adminPage.getByText('Your invitation link is ready').waitFor();
  const link = await adminPage.getByRole('dialog').getByRole('textbox').inputValue();

  const page = await visitor('en-US');
  const opened = await page.goto(link);
  expect(opened?.status()).toBe(200);
  await page.getByRole('heading', { name: 'Create your account' }).waitFor();
  await page.getByText('Welcome to the riders club!').waitFor();
  await expect(page.textContent('body')).resolves.not.toContain('Riders club launch');
  await saveScreenshot(page, 'join-page-en');
  await page.getByLabel('Username').fill('jeanne');
  await page.getByLabel('Email').fill('jeanne@example.com');
  await page.getByLabel('Password').fill('Sunday-rides-9');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.waitForURL(`${server.url}/welcome.html`);
  await page.getByRole('heading', { name: 'Welcome aboard' }).waitFor();

  const users = await admin.expectOk(
    `/content-manager/collection-types/${USER_UID}?filters[email][$eq]=jeanne@example.com&populate=role`
  );
  expect(users.results).toHaveLength(1);
  expect(users.results[0]).toMatchObject({
    username: 'jeanne',
    homeSection: 'events',
    newsletter: true,
    role: { name: 'Club member' },
  });
});

test('a mistake is shown next to its field, and the link still works afterwards', async () => {
  const { token } = await admin.createLink({ maxUses: 1 });
  const page = await visitor('en-US');
  await page.goto(`/invitations/join/${token}`);
  await page.getByLabel('Username').fill('jeanne');
  await page.getByLabel('Email').fill('someone-else@example.com');
  await page.getByLabel('Password').fill('Another-password-1');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page
    .getByRole('alert')
    .getByText(/An account already uses this email or username/)
    .waitFor();
  await expect(page.getByLabel('Email').inputValue()).resolves.toBe('someone-else@example.com');
  await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');

  await page.getByLabel('Username').fill('marcel');
  await page.getByLabel('Password').fill('Another-password-1');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await page.getByRole('heading', { name: 'Your account is ready' }).waitFor();
});

test('an expired link shows its error in French, with no form', async () => {
  // A margin wide enough for a slow machine to create the link before its expiry, then no fixed sleep:
  // the public API is asked until it says the link has expired.
  const { token } = await admin.createLink({ expiresAt: new Date(Date.now() + 3000).toISOString() });
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = (await fetch(`${server.url}/api/invitations/${token}`)).status;
    if (status === 410) break;
    if (Date.now() > deadline) throw new Error(`the link still answers ${status} long after its expiry`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const page = await visitor('fr-FR');
  const res = await page.goto(`/invitations/join/${token}`);
  expect(res?.status()).toBe(410);
  await page.getByRole('heading', { name: 'Ce lien d’invitation a expiré' }).waitFor();
  await expect(page.locator('form').count()).resolves.toBe(0);
  await saveScreenshot(page, 'join-page-expired-fr');
});

test('the French page signs up too, and a used-up link then says so', async () => {
  const { token } = await admin.createLink({ maxUses: 1, welcomeMessage: 'Bienvenue au club !' });
  const page = await visitor('fr-FR');
  await page.goto(`/invitations/join/${token}`);
  await page.getByText('Bienvenue au club !').waitFor();
  await saveScreenshot(page, 'join-page-fr');
  await page.getByLabel('Nom d’utilisateur').fill('lucie');
  await page.getByLabel('Adresse électronique').fill('lucie@example.com');
  await page.getByLabel('Mot de passe').fill('Mot-de-passe-1');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await page.getByRole('heading', { name: 'Votre compte est prêt' }).waitFor();

  const again = await page.goto(`/invitations/join/${token}`);
  expect(again?.status()).toBe(410);
  await page.getByRole('heading', { name: 'Ce lien d’invitation a été entièrement utilisé' }).waitFor();
});

test('a member with an account accepts a link on its page: signs in, sees the role change, accepts', async () => {
  await admin.expectOk('/users-permissions/roles', {
    body: { name: 'Speakers', description: 'Invited speakers', permissions: {} },
  });
  const { roles } = await admin.expectOk('/users-permissions/roles');
  const speakers = roles.find((role: { name: string }) => role.name === 'Speakers');
  const signUpLink = await admin.createLink();
  const registered = await fetch(`${server.url}/api/auth/local/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      username: 'ada',
      email: 'ada@example.com',
      password: 'Speaker-pass-1',
      invitationToken: signUpLink.token,
    }),
  });
  expect(registered.status).toBe(200);
  const { token } = await admin.createLink({ name: 'Speakers 2027', role: speakers.id, allowExistingAccounts: true });

  const page = await visitor('en-US');
  await page.goto(`/invitations/join/${token}`);
  await page.getByRole('link', { name: 'Already have an account? Sign in to accept this invitation' }).click();
  await page.getByRole('heading', { name: 'Accept the invitation with your account' }).waitFor();
  await page.getByLabel('Email or username').fill('ada@example.com');
  await page.getByLabel('Password').fill('Speaker-pass-1');
  await saveScreenshot(page, 'accept-sign-in-en');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByText('You are signed in as ada. Accepting this invitation changes your role from Authenticated to Speakers.')
    .waitFor();
  await saveScreenshot(page, 'accept-confirm-en');
  await page.getByRole('button', { name: 'Accept the invitation' }).click();
  await page.getByRole('heading', { name: 'Invitation accepted' }).waitFor();

  const users = await admin.expectOk(
    `/content-manager/collection-types/${USER_UID}?filters[email][$eq]=ada@example.com&populate=role`
  );
  expect(users.results[0].role).toMatchObject({ name: 'Speakers' });
});

test('a visitor without a link asks for one from the code page; the request waits for review', async () => {
  const page = await visitor('fr-FR');
  await page.goto('/invitations/join');
  await page.getByRole('link', { name: 'Pas d’invitation ? Demandez-en une' }).click();
  await page.getByRole('heading', { name: 'Demander une invitation' }).waitFor();
  // The field for bots is out of sight and out of the keyboard's reach.
  const trap = page.locator('input[name="website"]');
  expect(await trap.getAttribute('tabindex')).toBe('-1');
  const trapBox = await trap.boundingBox();
  expect((trapBox?.x ?? 0) + (trapBox?.width ?? 0)).toBeLessThanOrEqual(0);
  await page.getByLabel('Adresse électronique').fill('grace@example.com');
  await page.getByLabel('Nom').fill('Grace');
  await page.getByLabel('Message').fill('J’anime l’atelier du jeudi.');
  await saveScreenshot(page, 'request-page-fr');
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await page.getByRole('heading', { name: 'Merci' }).waitFor();

  const requests = await admin.expectOk('/invitations/requests?status=pending&q=grace@example.com');
  expect(requests.results).toEqual([expect.objectContaining({ email: 'grace@example.com', name: 'Grace', status: 'pending' })]);
});
