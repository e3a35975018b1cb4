import type { Browser } from 'playwright-core';
import { launchChromium, openAdminPage, saveScreenshot } from '../helpers/browser';
import { testEnv } from '../helpers/env';
import { adminClient, startPlayground, type AdminClient, type PlaygroundProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';

jest.setTimeout(120_000);

let server: PlaygroundProcess;
let browser: Browser;
let admin: AdminClient;

beforeAll(async () => {
  server = await startPlayground(
    testEnv({ NODE_ENV: 'production', DEMO_ADMIN_EMAIL: ADMIN_EMAIL, DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD })
  );
  browser = await launchChromium();
  admin = await adminClient(server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The browser's language (Chromium sends it as Accept-Language), the page's, and its heading. */
const SIGN_UP_PAGES = [
  ['en-US', 'en', 'Create your account', 'Create my account'],
  ['fr-FR', 'fr', 'Créer votre compte', 'Créer mon compte'],
  ['de-AT', 'de', 'Konto erstellen', 'Mein Konto erstellen'],
  ['es-MX', 'es', 'Crea tu cuenta', 'Crear mi cuenta'],
  ['it-IT', 'it', 'Crea il tuo account', 'Crea il mio account'],
  ['pt-BR', 'pt-BR', 'Crie sua conta', 'Criar minha conta'],
  ['nl-BE', 'nl', 'Maak uw account aan', 'Mijn account aanmaken'],
] as const;

test.each(SIGN_UP_PAGES)('a browser in %s gets the sign-up page in %s', async (browserLocale, pageLanguage, heading, button) => {
  const link = await admin.createLink({ name: `Link for ${browserLocale}` });
  const context = await browser.newContext({ locale: browserLocale, viewport: { width: 900, height: 900 } });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const opened = await page.goto(link.url);
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()['content-language']).toBe(pageLanguage);
    await page.getByRole('heading', { name: heading }).waitFor();
    await page.getByRole('button', { name: button }).waitFor();
    await expect(page.getAttribute('html', 'lang')).resolves.toBe(pageLanguage);
    await saveScreenshot(page, `join-page-${pageLanguage}`);
  } finally {
    await context.close();
  }
});

test('the language links lead to the same form in the language chosen, with no script', async () => {
  const link = await admin.createLink({ name: 'Language links' });
  const context = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(link.url);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { name: 'Konto erstellen' }).waitFor();
    expect(new URL(page.url()).search).toBe('?lang=de');
    await page.getByRole('navigation', { name: 'Sprache' }).getByRole('link', { name: 'Português (Brasil)' }).click();
    await page.getByRole('heading', { name: 'Crie sua conta' }).waitFor();
    await expect(page.getAttribute('html', 'lang')).resolves.toBe('pt-BR');
  } finally {
    await context.close();
  }
});

const ADMIN_PAGES = [
  ['de-DE', 'Einladungen', 'Einladungslink erstellen', 'Ablaufdatum', 'Aktiv'],
  ['es-ES', 'Invitaciones', 'Crear enlace de invitación', 'Fecha de expiración', 'Activo'],
] as const;

test.each(ADMIN_PAGES)(
  'the Invitations page follows the admin’s interface language: %s',
  async (locale, title, create, expiry, active) => {
    const linkName = `Admin page ${locale}`;
    await admin.createLink({ name: linkName });
    const page = await openAdminPage(browser, server.url, locale);
    try {
      await page.goto('/admin/plugins/invitations');
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.getByRole('button', { name: create }).first().waitFor();
      await page.getByText(expiry, { exact: true }).first().waitFor();
      await page.getByRole('row').filter({ hasText: linkName }).getByText(active, { exact: true }).waitFor();
      await saveScreenshot(page, `admin-invitations-${locale.split('-')[0]}`);
    } finally {
      await page.context().close();
    }
  }
);
