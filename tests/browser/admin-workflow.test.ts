import fs from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, openAdminPage, saveScreenshot } from '../helpers/browser';
import { testEnv } from '../helpers/env';
import { adminClient, startPlayground, type PlaygroundProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';

jest.setTimeout(120_000);

/** What the admin sees, per language; the French words are the portal's own. */
const LANGUAGES = {
  en: {
    locale: 'en-US',
    menu: 'Invitations',
    create: 'Create invitation link',
    name: 'Name',
    number: 'Number of invitations',
    domains: 'Allowed email domains',
    expiry: 'Expiration date',
    calendar: 'Pick the expiration date',
    finish: 'Finish',
    ready: 'Your invitation link is ready',
    copy: 'Copy link',
    copied: 'Link copied to the clipboard',
    done: 'Done',
    edit: 'Edit',
    save: 'Save',
    delete: 'Delete',
    deleteTitle: 'Delete this invitation link?',
    confirm: 'Confirm',
    accounts: 'Accounts created from this link',
    active: 'Active',
    empty: 'No invitation link yet. Create one to let people sign up.',
    endOfDay: /11:59\sPM/,
  },
  fr: {
    locale: 'fr-FR',
    menu: 'Invitations',
    create: "Créer un lien d'invitation",
    name: 'Nom',
    number: "Nombre d'invitations",
    domains: 'Domaines e-mail autorisés',
    expiry: "Date d'expiration",
    calendar: "Choisir la date d'expiration",
    finish: 'Terminer',
    ready: "Votre lien d'invitation est prêt",
    copy: 'Copier le lien',
    copied: 'Lien copié dans le presse-papiers',
    done: 'Fermer',
    edit: 'Modifier',
    save: 'Enregistrer',
    delete: 'Supprimer',
    deleteTitle: "Supprimer ce lien d'invitation ?",
    confirm: 'Confirmer',
    accounts: 'Comptes créés à partir de ce lien',
    active: 'Actif',
    empty: "Aucun lien d'invitation pour l'instant. Créez-en un pour permettre à des personnes de s'inscrire.",
    endOfDay: /23:59/,
  },
} as const;

let server: PlaygroundProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startPlayground(
    testEnv({ NODE_ENV: 'production', DEMO_ADMIN_EMAIL: ADMIN_EMAIL, DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD })
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const api = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

const registerWith = (token: string, name: string) =>
  api('/api/auth/local/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: name, email: `${name}@example.com`, password: 'Password-123', invitationToken: token }),
  });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The input labelled exactly `label` (required fields add an asterisk to it). */
const field = (scope: Page | Locator, label: string) => scope.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*\\*?$`));

/** Opens the calendar and picks its last selectable day; returns that cell's label. */
const pickDayInCalendar = async (page: Page, words: (typeof LANGUAGES)[keyof typeof LANGUAGES]) => {
  await field(page, words.expiry).click();
  // The calendar pops over the modal, which hides everything else from the accessibility tree.
  const calendar = page.locator(`[role=dialog][aria-label="${words.calendar}"]`);
  const day = calendar.locator('td[role=gridcell]:not([aria-disabled=true])').last();
  const label = await day.getAttribute('aria-label');
  await day.click();
  return label;
};

describe.each(Object.entries(LANGUAGES))('the invitation workflow in the admin panel (%s)', (language, words) => {
  let page: Page;
  const linkName = `Partners ${language}`;

  beforeAll(async () => {
    page = await openAdminPage(browser, server.url, words.locale);
  });

  test('create a link through the dialog, picking the date from the calendar', async () => {
    await page.getByRole('link', { name: words.menu, exact: true }).click();
    await page.getByRole('heading', { name: words.menu, level: 1 }).waitFor();
    await page.getByText(words.empty).waitFor();
    await saveScreenshot(page, `list-empty-${language}`);

    await page.getByRole('button', { name: words.create }).first().click();
    const dialog = page.getByRole('dialog', { name: words.create });
    await field(dialog, words.name).fill(linkName);
    await field(dialog, words.number).fill('3');
    // The invitees below sign up at example.com: the link is limited to it.
    await field(dialog, words.domains).fill('Example.com,');
    await dialog.getByRole('listitem').filter({ hasText: 'example.com' }).waitFor();
    const pickedDay = await pickDayInCalendar(page, words);
    expect(pickedDay).toBeTruthy();
    if (language === 'en') {
      // The field shows the day picked, not the day before (the admin is east of UTC).
      const picked = new Date((pickedDay as string).replace(/^\w+, /, ''));
      const expected = picked.toLocaleDateString('en-US', { month: '2-digit', day: '2-digit', year: 'numeric' });
      await expect(field(dialog, words.expiry).inputValue()).resolves.toBe(expected);
    }
    await saveScreenshot(page, `create-dialog-${language}`);
    await dialog.getByRole('button', { name: words.finish }).click();

    await page.getByText(words.ready).waitFor();
    const url = await page.getByRole('dialog').getByRole('textbox').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/invitations/join/[A-Za-z0-9_-]{43}$`));
    await page.getByRole('dialog').getByRole('button', { name: words.copy }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await page.getByRole('dialog').getByRole('button', { name: words.done }).click();

    const row = page.getByRole('row').filter({ hasText: linkName });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('0 / 3');
    await expect(row.textContent()).resolves.toContain(words.active);
    // The link works through the end of the picked day in the admin's time zone (Paris here).
    await expect(row.textContent()).resolves.toMatch(words.endOfDay);
    if (language === 'en') {
      const picked = new Date((pickedDay as string).replace(/^\w+, /, ''));
      const shown = picked.toLocaleDateString('en-US', { dateStyle: 'medium' });
      await expect(row.textContent()).resolves.toContain(shown);
    }
    await saveScreenshot(page, `list-${language}`);
  });

  test('open it by its name, copy the link, and see the account made with it', async () => {
    await page.getByRole('link', { name: new RegExp(linkName) }).click();
    await page.getByRole('heading', { name: linkName }).waitFor();
    await page.getByRole('button', { name: words.copy }).click();
    await page.getByText(words.copied).first().waitFor();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    const token = url.split('/').pop() as string;

    const username = `invitee${language}${Date.now()}`;
    expect((await registerWith(token, username)).status).toBe(200);

    await page.reload();
    await page.getByText(words.accounts).waitFor();
    await page.getByText(`${username}@example.com`).waitFor();
    await page.getByText(words.domains).waitFor();
    await page.getByText('example.com', { exact: true }).waitFor();
    await expect(page.getByText('1 / 3').first().isVisible()).resolves.toBe(true);
    await saveScreenshot(page, `detail-${language}`);
  });

  test('edit the limit', async () => {
    await page.getByRole('button', { name: words.edit }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, words.number).fill('5');
    await dialog.getByRole('button', { name: words.save }).click();
    await page.getByText('1 / 5').first().waitFor();
  });

  test('delete it: the link is refused at once, the account stays', async () => {
    const url = (await page.getByRole('textbox').first().inputValue()) as string;
    const token = url.split('/').pop() as string;
    await page.getByRole('button', { name: words.delete }).click();
    const confirm = page.getByRole('alertdialog');
    await confirm.getByText(words.deleteTitle).waitFor();
    await confirm.getByRole('button', { name: words.confirm }).click();
    await page.getByRole('heading', { name: words.menu, level: 1 }).waitFor();
    await expect(page.getByRole('row').filter({ hasText: linkName }).count()).resolves.toBe(0);

    expect((await api(`/api/invitations/${token}`)).status).toBe(404);
    expect((await registerWith(token, `late${language}${Date.now()}`)).status).toBe(404);
  });
});

test("a link's QR code decodes back to its link, from the PNG and from the SVG offered for download", async () => {
  const admin = await adminClient(server.url);
  const link = await admin.createLink({ name: 'Conference slide', code: 'SLIDE-2027-KEYNOTE' });
  const page = await openAdminPage(browser, server.url, 'en-US');
  await page.goto(`/admin/plugins/invitations/${link.id}`);
  await page.getByRole('img', { name: 'QR code of the invitation link' }).waitFor();
  await saveScreenshot(page, 'detail-qr-en');

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).first().click();
  const png = PNG.sync.read(fs.readFileSync((await (await pngDownload).path()) as string));
  expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(link.url);

  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download SVG' }).first().click();
  const svg = fs.readFileSync((await (await svgDownload).path()) as string, 'utf8');
  expect((await svgDownload).suggestedFilename()).toBe(`invitation-${link.id}-qr.svg`);
  // The SVG drawn by the browser itself, then read as a camera would.
  const drawn = await page.evaluate(async (file) => {
    const image = new Image();
    image.src = `data:image/svg+xml;base64,${btoa(file)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(image, 0, 0);
    return {
      width: canvas.width,
      height: canvas.height,
      pixels: Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data),
    };
  }, svg);
  expect(jsQR(new Uint8ClampedArray(drawn.pixels), drawn.width, drawn.height)?.data).toBe(link.url);

  // The code's own QR code leads to the code page with the code filled in.
  await page.getByRole('img', { name: 'QR code of the code page, with the code filled in' }).waitFor();
  const codeDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download PNG' }).nth(1).click();
  const codePng = PNG.sync.read(fs.readFileSync((await (await codeDownload).path()) as string));
  const codeUrl = jsQR(new Uint8ClampedArray(codePng.data), codePng.width, codePng.height)?.data as string;
  expect(codeUrl).toBe(link.codeUrl);
  const visitor = await (await browser.newContext({ locale: 'en-US', viewport: { width: 900, height: 700 } })).newPage();
  await visitor.goto(codeUrl);
  await expect(visitor.getByLabel('Invitation code').inputValue()).resolves.toBe('SLIDE-2027-KEYNOTE');
  await saveScreenshot(visitor, 'code-page-en');
  await visitor.getByRole('button', { name: 'Continue' }).click();
  await visitor.getByRole('heading', { name: 'Create your account' }).waitFor();
  expect(await visitor.content()).not.toContain(link.token);
});
