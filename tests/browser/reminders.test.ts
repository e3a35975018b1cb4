import type { Locator, Page } from 'playwright-core';
import { inDays } from '../helpers/fixtures';
import { openAdminPage, saveScreenshot, startSiteWithMail, type SiteWithMail } from '../helpers/browser';

/** The reminder setting in the link dialog, and Renew on the invitation's page, in a real admin panel. */
jest.setTimeout(180_000);

let site: SiteWithMail;
let page: Page;

beforeAll(async () => {
  site = await startSiteWithMail();
  page = await openAdminPage(site.browser, site.server.url, 'en-US');
});
afterAll(() => site?.stop());

/** Opens the calendar of the date field labelled `label` and picks its last selectable day. */
const pickLastDay = async (scope: Locator, label: string) => {
  await scope.getByLabel(new RegExp(`^${label}\\s*\\*?$`)).click();
  const calendar = page.locator('[role=dialog][aria-label="Pick the expiration date"]');
  await calendar.locator('td[role=gridcell]:not([aria-disabled=true])').last().click();
};

const linkNamed = async (name: string) =>
  (await site.admin.expectOk(`/invitations/invitations?q=${encodeURIComponent(name)}`)).results[0];

test('the create dialog takes a reminder (days before expiration), refuses 0, and the link keeps it', async () => {
  await page.goto('/admin/plugins/invitations');
  await page.getByRole('button', { name: 'Create invitation link' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create invitation link' });
  await dialog.getByLabel(/^Name\s*\*?$/).fill('Spring members');
  await dialog.getByLabel(/^Number of invitations\s*\*?$/).fill('20');
  await pickLastDay(dialog, 'Expiration date');
  const reminder = dialog.getByLabel('Reminder (days before expiration)');
  await reminder.fill('3');
  await dialog.getByText(/gets one reminder email this many days before the link expires/).waitFor();
  await reminder.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'create-dialog-reminder-en');

  await reminder.fill('0');
  await dialog.getByRole('button', { name: 'Finish' }).click();
  await dialog.getByText('Enter a whole number of days from 1 to 365, or leave it empty').waitFor();
  expect(await linkNamed('Spring members')).toBeUndefined();
  await reminder.fill('3');
  await dialog.getByRole('button', { name: 'Finish' }).click();
  await page.getByText('Your invitation link is ready').waitFor();
  expect((await linkNamed('Spring members')).remindBeforeDays).toBe(3);

  await page.getByRole('button', { name: 'Done' }).click();
  const link = await linkNamed('Spring members');
  await page.goto(`/admin/plugins/invitations/${link.id}`);
  await page.getByText('3 days before expiration, to people who have not signed up').waitFor();
});

test('Renew sets the new date and resends each pending personal link, from the invitation page', async () => {
  const link = await site.admin.createLink({ name: 'Renewed link', maxUses: 10, expiresAt: inDays(2) });
  await site.admin.expectOk(`/invitations/invitations/${link.id}/send`, {
    body: { emails: ['ada@example.com', { email: 'lena@example.com', language: 'de' }], personal: true },
  });
  await site.smtp.clear();

  await page.goto(`/admin/plugins/invitations/${link.id}`);
  await page.getByRole('heading', { name: 'Renewed link', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Renew' }).click();
  const dialog = page.getByRole('dialog', { name: 'Renew this link' });
  await pickLastDay(dialog, 'New expiration date');
  await dialog.getByRole('checkbox', { name: 'Resend to everyone pending' }).waitFor();
  await saveScreenshot(page, 'renew-dialog-en');
  await dialog.getByRole('button', { name: 'Renew' }).click();
  await page.getByText(/Link renewed until .+\. Personal link sent again to 2 people\./).waitFor();

  const renewed = (await site.admin.expectOk(`/invitations/invitations/${link.id}`)).data;
  expect(new Date(renewed.expiresAt).getTime()).toBeGreaterThan(new Date(link.expiresAt as string).getTime());
  expect(site.smtp.received.map((message) => message.to[0]).sort()).toEqual(['ada@example.com', 'lena@example.com']);
  expect(site.smtp.receivedBy('lena@example.com')[0].mail.subject).toMatch(/^Ihre Einladung/);
});
