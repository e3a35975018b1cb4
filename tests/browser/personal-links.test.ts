import type { Page } from 'playwright-core';
import { openAdminPage, saveScreenshot, startSiteWithMail, type SiteWithMail } from '../helpers/browser';

jest.setTimeout(180_000);

let site: SiteWithMail;

beforeAll(async () => {
  site = await startSiteWithMail();
});
afterAll(() => site?.stop());

/** The token of the invitation link in an email's text. */
const tokenMailedTo = (address: string, nth = 0) => {
  const text = String(site.smtp.receivedBy(address)[nth].mail.text);
  return /\/invitations\/join\/([A-Za-z0-9_-]+)/.exec(text)?.[1] as string;
};

const publicStatus = async (token: string) => {
  const res = await fetch(`${site.server.url}/api/invitations/${token}`);
  return { status: res.status, body: res.status === 200 ? await res.json() : null };
};

const openSendDialog = async (page: Page, linkId: number, name: string) => {
  await page.goto(`/admin/plugins/invitations/${linkId}`);
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Send invitation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Send invitation' });
  // The subject is prefilled once the first preview arrives.
  await page.waitForFunction(() => (document.querySelector('input[name=subject]') as HTMLInputElement | null)?.value);
  return dialog;
};

test('personal links from a CSV file: invalid rows and foreign domains first, then one link each; resend and revoke in the recipients table', async () => {
  const link = await site.admin.createLink({ name: 'Members', maxUses: 5, allowedEmailDomains: ['example.com'] });
  const page = await openAdminPage(site.browser, site.server.url, 'en-US');
  const dialog = await openSendDialog(page, link.id, 'Members');

  await dialog.getByRole('radio', { name: 'A personal link for each person (only they can use it)' }).click();
  await dialog.getByText('Each person gets a link of their own: the preview shows an example in its place.').waitFor();
  const preview = dialog.frameLocator('iframe[title=Preview]');
  await preview.locator('a[href*="personal-link-example"]').first().waitFor();
  await expect(dialog.locator('iframe[title=Preview]').getAttribute('srcdoc')).resolves.not.toContain(link.token);
  await dialog.locator('iframe[title=Preview]').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'send-personal-en');
  await dialog.getByLabel('Import addresses from a CSV file').scrollIntoViewIfNeeded();

  await dialog.getByLabel('Import addresses from a CSV file').setInputFiles({
    name: 'members.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Name,Email\nAda,ada@example.com\nGrace,grace@example\n\nBob,BOB@example.com\nOut,out@other.org\n'),
  });
  await dialog.getByRole('list', { name: 'Invalid rows' }).getByText('Row 3: “grace@example”').waitFor();
  await dialog
    .getByText(
      'This address is outside the email domains of this link (example.com): “out@other.org”. It could not sign up with it.'
    )
    .waitFor();
  await dialog.getByRole('button', { name: 'Send to 3 people' }).click();
  await dialog.getByText(/Some rows of the CSV file cannot be used/).waitFor();
  await saveScreenshot(page, 'send-csv-invalid-en');
  expect(site.smtp.received).toHaveLength(0);

  await dialog.getByRole('button', { name: 'Leave these rows out' }).click();
  await dialog.getByRole('button', { name: 'Remove it' }).click();
  await dialog.getByRole('button', { name: 'Send to 2 people' }).click();
  await dialog.getByText('Sent to 2 of 2 addresses.').waitFor();

  const adaToken = tokenMailedTo('ada@example.com');
  const bobToken = tokenMailedTo('BOB@example.com');
  expect(new Set([adaToken, bobToken, link.token]).size).toBe(3);
  await expect(publicStatus(adaToken)).resolves.toEqual({
    status: 200,
    body: expect.objectContaining({ data: expect.objectContaining({ email: 'ada@example.com' }) }),
  });

  // Bob signs up with his link; Ada does not.
  const signUp = await fetch(`${site.server.url}/api/auth/local/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'bob', email: 'bob@example.com', password: 'Password-123', invitationToken: bobToken }),
  });
  expect(signUp.status).toBe(200);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.reload();
  await page.getByRole('heading', { name: 'Recipients of personal links' }).waitFor();
  const adaRow = page.locator('tr[data-recipient="ada@example.com"]');
  const bobRow = page.locator('tr[data-recipient="BOB@example.com"]');
  await adaRow.getByText('Pending').waitFor();
  await bobRow.getByText('Accepted').waitFor();
  await bobRow.getByText('bob', { exact: true }).waitFor();
  await expect(bobRow.getByRole('button').count()).resolves.toBe(0);

  await adaRow.getByRole('button', { name: 'Send again to ada@example.com' }).click();
  await page.getByText('Personal link sent again to ada@example.com').waitFor();
  await adaRow.locator('td').nth(4).getByText('2', { exact: true }).waitFor();
  expect(site.smtp.receivedBy('ada@example.com')).toHaveLength(2);
  expect(tokenMailedTo('ada@example.com', 1)).toBe(adaToken);

  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Accepted' }).click();
  await adaRow.waitFor({ state: 'detached' });
  await bobRow.waitFor();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'All statuses' }).click();
  await page.getByRole('searchbox', { name: 'Search by email' }).fill('ada');
  await bobRow.waitFor({ state: 'detached' });
  await adaRow.waitFor();
  await page.getByRole('searchbox', { name: 'Search by email' }).fill('');
  await bobRow.waitFor();
  await saveScreenshot(page, 'recipients-table-en');

  await adaRow.getByRole('button', { name: 'Revoke the link of ada@example.com' }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByText('Revoke this personal link?').waitFor();
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await page.getByText('Personal link of ada@example.com revoked').waitFor();
  await adaRow.getByText('Revoked').waitFor();
  await expect(adaRow.getByRole('button').count()).resolves.toBe(0);
  await expect(publicStatus(adaToken)).resolves.toEqual({ status: 404, body: null });
  await page.context().close();
});

test('one link for everyone: the link itself is mailed, and no recipient is listed', async () => {
  await site.smtp.clear();
  const link = await site.admin.createLink({ name: 'Open day', maxUses: 5 });
  const page = await openAdminPage(site.browser, site.server.url, 'en-US');
  const dialog = await openSendDialog(page, link.id, 'Open day');

  await expect(dialog.getByRole('radio', { name: 'One link for everyone' }).getAttribute('aria-checked')).resolves.toBe('true');
  await dialog.getByText('Everyone gets the link shown in the preview.').waitFor();
  await dialog.frameLocator('iframe[title=Preview]').locator(`a[href="${link.url}"]`).first().waitFor();
  await dialog.getByLabel(/^Recipients/).fill('carol@example.org');
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Send to 1 person' }).click();
  await dialog.getByText('Sent to 1 of 1 address.').waitFor();
  expect(tokenMailedTo('carol@example.org')).toBe(link.token);

  await dialog.getByRole('button', { name: 'Done' }).click();
  await page.getByText('No personal link has been sent with this link yet.').waitFor();
  await page.context().close();
});
