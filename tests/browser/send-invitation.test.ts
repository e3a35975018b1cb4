import type { Browser, Locator, Page } from 'playwright-core';
import { openAdminPage, saveScreenshot, startSiteWithMail, type SiteWithMail } from '../helpers/browser';
import type { AdminClient, PlaygroundProcess } from '../helpers/server-process';
import type { TestSmtpServer } from '../helpers/smtp';

jest.setTimeout(120_000);

const SITE_NAME = 'Invitations playground';

let site: SiteWithMail | undefined;
let smtp: TestSmtpServer;
let server: PlaygroundProcess;
let browser: Browser;
let admin: AdminClient;

beforeAll(async () => {
  // The mail server refuses nobody@…, as a real one refuses an unknown mailbox.
  site = await startSiteWithMail({ rejects: (address) => address.startsWith('nobody@') });
  ({ smtp, server, browser, admin } = site);
});
afterAll(() => site?.stop());

/** Waits until the dialog has prefilled an input (from the server's template). */
const waitForPrefill = async (page: Page, input: Locator) => {
  const element = await input.elementHandle();
  await page.waitForFunction((field) => (field as HTMLInputElement).value !== '', element);
  return input.inputValue();
};

/** Pastes text into the focused field through the clipboard, as Ctrl+V does. */
const paste = async (page: Page, text: string) => {
  await page.evaluate((value) => navigator.clipboard.writeText(value), text);
  await page.keyboard.press('Control+V');
};

test('from the list, an admin sends the link to three addresses; a wrong one is pointed out before anything is sent', async () => {
  const link = await admin.createLink({ name: 'Board members', maxUses: 2 });
  const page = await openAdminPage(browser, server.url, 'en-US');
  await page.goto('/admin/plugins/invitations');
  const row = page.getByRole('row').filter({ hasText: 'Board members' });
  await row.getByRole('button', { name: 'Send invitation' }).click();

  const dialog = page.getByRole('dialog', { name: 'Send invitation' });
  await expect(waitForPrefill(page, dialog.getByLabel(/^Subject/))).resolves.toBe(`Your invitation to join ${SITE_NAME}`);

  await dialog.getByLabel(/^Recipients/).click();
  await paste(page, 'Ada Lovelace <ada@example.com>, grace@example.org\nalan@example.net; not-an-address\nADA@example.com');
  const chips = dialog.getByRole('list', { name: 'Addresses added' }).getByRole('listitem');
  await expect(chips.allTextContents()).resolves.toEqual([
    'ada@example.com',
    'grace@example.org',
    'alan@example.net',
    'not-an-address (invalid)',
  ]);
  await expect(dialog.locator('li[data-invalid]').textContent()).resolves.toBe('not-an-address (invalid)');
  // Three people for two seats: allowed, with a warning.
  await dialog.getByText('You are sending this link to 3 people, but only 2 can still sign up with it').waitFor();

  await dialog.getByRole('button', { name: 'Send to 3 people' }).click();
  await dialog
    .getByText('This is not a valid email address: “not-an-address”. Correct or remove it. Nothing has been sent.')
    .waitFor();
  await saveScreenshot(page, 'send-dialog-en');
  expect(smtp.received).toHaveLength(0);
  expect((await admin.request(`/invitations/invitations/${link.id}`)).body.data.deliveries.total).toBe(0);

  await dialog.getByRole('button', { name: 'Remove not-an-address (not a valid address)' }).click();
  await dialog.getByLabel(/^Message/).fill('Dear board,\nplease join <b>us</b>.');
  const preview = dialog.frameLocator('iframe[title=Preview]');
  await preview.getByText('please join <b>us</b>.').waitFor();
  await dialog.locator('iframe[title=Preview]').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'send-preview-en');

  await dialog.getByRole('button', { name: 'Send to 3 people' }).click();
  await dialog.getByText('Sent to 3 of 3 addresses.').waitFor();
  await expect(dialog.locator('tr[data-result=sent]').count()).resolves.toBe(3);
  await saveScreenshot(page, 'send-result-en');

  const recipients = ['ada@example.com', 'grace@example.org', 'alan@example.net'];
  expect(smtp.received.map((message) => message.to[0]).sort()).toEqual([...recipients].sort());
  for (const address of recipients) {
    const [{ mail }] = smtp.receivedBy(address);
    expect(mail.subject).toBe(`Your invitation to join ${SITE_NAME}`);
    expect(mail.text).toContain(link.url);
    expect(mail.text).toContain('Dear board,\nplease join <b>us</b>.');
    expect(String(mail.html)).toContain(`href="${link.url}"`);
    expect(String(mail.html)).toContain('please join &lt;b&gt;us&lt;/b&gt;.');
  }
  const status = await fetch(`${server.url}/api/invitations/${link.url.split('/').pop()}`);
  expect(status.status).toBe(200);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('link', { name: /Board members/ }).click();
  await page.getByRole('heading', { name: 'Emails sent with this link' }).waitFor();
  for (const address of recipients) await page.getByRole('row').filter({ hasText: address }).getByText('Sent').waitFor();
  await saveScreenshot(page, 'send-record-en');
  await page.context().close();
});

test('in French, from the detail page: the French email, and the failed address with its reason', async () => {
  await smtp.clear();
  const link = await admin.createLink({ name: 'Partenaires', maxUses: 5 });
  const page = await openAdminPage(browser, server.url, 'fr-FR');
  await page.goto(`/admin/plugins/invitations/${link.id}`);
  await page.getByRole('heading', { name: 'Partenaires' }).waitFor();
  await page.getByRole('button', { name: 'Envoyer une invitation' }).click();

  const dialog = page.getByRole('dialog', { name: 'Envoyer une invitation' });
  await expect(waitForPrefill(page, dialog.getByLabel(/^Objet/))).resolves.toBe(`Votre invitation à rejoindre ${SITE_NAME}`);
  await expect(dialog.getByLabel(/^Message/).inputValue()).resolves.toBe(
    `Bonjour,\n\nJe vous invite à nous rejoindre sur ${SITE_NAME}.`
  );

  // Typed one by one: a comma or Enter ends each address.
  await dialog.getByLabel(/^Destinataires/).pressSequentially('marie@exemple.fr,nobody@exemple.fr');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Envoyer à 2 personnes' }).click();
  await dialog.getByText('Envoyé à 1 sur 2 adresses.').waitFor();
  const failed = dialog.locator('tr[data-result=failed]');
  await expect(failed.textContent()).resolves.toMatch(/nobody@exemple\.fr.*Échec.*(550|rejected)/);

  const [{ mail }] = smtp.receivedBy('marie@exemple.fr');
  expect(mail.subject).toBe(`Votre invitation à rejoindre ${SITE_NAME}`);
  expect(mail.text).toContain("Cliquez sur ce lien d'invitation pour créer votre compte :");
  expect(mail.text).toContain(link.url);
  expect(smtp.receivedBy('nobody@exemple.fr')).toHaveLength(0);

  await dialog.getByRole('button', { name: 'Fermer' }).last().click();
  await page.getByText('Envoyés : 1 ; en échec : 1.').waitFor();
  await page.context().close();
});
