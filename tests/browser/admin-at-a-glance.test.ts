/**
 * Issue 14 in the admin panel, against the playground started for real: the homepage widget, the
 * list's status filter, row selection and bulk delete, and an invitation's sign-up chart with its
 * paged accounts and CSV export.
 */
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openAdminPage, saveScreenshot } from '../helpers/browser';
import { inDays } from '../helpers/fixtures';
import { testEnv } from '../helpers/env';
import { adminClient, startPlayground, type AdminClient, type PlaygroundProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';

jest.setTimeout(180_000);

let server: PlaygroundProcess;
let browser: Browser;
let admin: AdminClient;
let page: Page;
const links: Record<string, { id: number; token: string }> = {};

const registerWith = (token: string, name: string) =>
  fetch(`${server.url}/api/auth/local/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: name, email: `${name}@example.com`, password: 'Password-123', invitationToken: token }),
  }).then((res) => expect(res.status).toBe(200));

beforeAll(async () => {
  server = await startPlayground(
    testEnv({ NODE_ENV: 'production', DEMO_ADMIN_EMAIL: ADMIN_EMAIL, DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD })
  );
  browser = await launchChromium();
  admin = await adminClient(server.url);
  links.community = await admin.createLink({ name: 'Community', maxUses: 20, expiresAt: inDays(30) });
  links.speakers = await admin.createLink({ name: 'Speakers', maxUses: 5, expiresAt: inDays(3) });
  links.board = await admin.createLink({ name: 'Board', maxUses: 1, expiresAt: inDays(20) });
  // Past the widget's 7 days, so that only Speakers expires soon.
  links.tidy1 = await admin.createLink({ name: 'Old campaign 1', expiresAt: inDays(20) });
  links.tidy2 = await admin.createLink({ name: 'Old campaign 2', expiresAt: inDays(20) });
  for (const name of ['ada', 'grace', 'alan']) await registerWith(links.community.token, name);
  await registerWith(links.board.token, 'linus');
  page = await openAdminPage(browser, server.url, 'en-US');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const listRows = (current: Page) => current.locator('tbody tr');

/** Until the dialog's opening animation has ended, for a screenshot that shows it. */
const settled = (dialog: ReturnType<Page['getByRole']>) =>
  dialog.evaluate((element) => Promise.all(element.getAnimations({ subtree: true }).map((animation) => animation.finished)));

test('the homepage widget: active links, recent sign-ups, and the links about to expire, each opening its page', async () => {
  await page.goto('/admin');
  const widget = page.getByRole('region', { name: 'Invitations' });
  await widget.getByText('Active links').waitFor({ timeout: 30_000 });
  const figure = (label: string) => widget.getByText(label).locator('xpath=preceding-sibling::*[1]').textContent();
  // Community, Speakers and the two old campaigns; Board is used up.
  await expect(figure('Active links')).resolves.toBe('4');
  await expect(figure('Sign-ups, last 7 days')).resolves.toBe('4');
  await expect(figure('Sign-ups, last 30 days')).resolves.toBe('4');
  await widget.getByText('1 link expires within 7 days').waitFor();
  await widget.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'widget-en');

  await widget.getByRole('link', { name: 'Speakers' }).click();
  await page.getByRole('heading', { name: 'Speakers', level: 1 }).waitFor();
  expect(new URL(page.url()).pathname).toBe(`/admin/plugins/invitations/${links.speakers.id}`);
});

test('the status filter is kept in the URL, with the search, and survives a reload', async () => {
  await page.goto('/admin/plugins/invitations');
  await page.getByRole('link', { name: 'Open Community' }).waitFor();
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Used up' }).click();
  await page.waitForURL(/status=exhausted/);
  await page.getByRole('link', { name: 'Open Board' }).waitFor();
  await expect(listRows(page).count()).resolves.toBe(1);
  await saveScreenshot(page, 'filter-en');

  await page.reload();
  await page.getByRole('link', { name: 'Open Board' }).waitFor();
  await expect(page.getByRole('combobox', { name: 'Status' }).textContent()).resolves.toContain('Used up');
  await expect(listRows(page).count()).resolves.toBe(1);

  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Active' }).click();
  await page.waitForURL(/status=active/);
  await page.getByRole('link', { name: 'Open Community' }).waitFor();
  await expect(listRows(page).count()).resolves.toBe(4);
});

test('two links selected and deleted after one confirmation; the accounts stay', async () => {
  await page.goto('/admin/plugins/invitations?status=active');
  await page.getByRole('checkbox', { name: 'Select Old campaign 1' }).click();
  await page.getByRole('checkbox', { name: 'Select Old campaign 2' }).click();
  await page.getByRole('button', { name: 'Delete 2' }).click();
  const dialog = page.getByRole('alertdialog');
  await dialog.getByText('Delete 2 invitation links?').waitFor();
  await dialog.getByText(/The accounts already created from them are kept/).waitFor();
  await settled(dialog);
  await saveScreenshot(page, 'bulk-delete-en');
  await dialog.getByRole('button', { name: 'Confirm' }).click();

  await page.getByText('2 invitation links deleted').waitFor();
  await page.getByRole('link', { name: 'Open Community' }).waitFor();
  await expect(page.getByRole('link', { name: /Old campaign/ }).count()).resolves.toBe(0);
  expect((await admin.request(`/invitations/invitations/${links.tidy1.id}`)).status).toBe(404);
  const community = await admin.expectOk(`/invitations/invitations/${links.community.id}`);
  expect(community.data.redemptionCount).toBe(3);
});

test("an invitation's page: the sign-up chart with its summary, the accounts, and their CSV", async () => {
  await page.goto(`/admin/plugins/invitations/${links.community.id}`);
  const chart = page.getByRole('img', { name: /^3 sign-ups out of 20 seats\. Busiest (hour|day): .+ \(3\)\.$/ });
  await chart.waitFor();
  const box = await chart.boundingBox();
  const viewport = page.viewportSize();
  expect(box && viewport && box.x + box.width <= viewport.width).toBe(true);
  await page.getByText('3 accounts created from this link.').waitFor();
  await page.getByText('alan@example.com').waitFor();
  await page.getByRole('heading', { name: 'Sign-ups over time' }).evaluate((heading) => heading.scrollIntoView());
  await saveScreenshot(page, 'chart-en');

  await page.getByRole('searchbox', { name: 'Search by username or email' }).fill('grace');
  await page.getByText('Page 1 of 1 (1 row)').waitFor();
  await expect(page.getByText('ada@example.com').count()).resolves.toBe(0);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).first().click();
  const file = await (await download).path();
  const lines = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  expect(lines[0]).toBe('username,email,redeemedAt,kind,previousRole');
  expect(
    lines
      .slice(1)
      .map((line) => line.split(',')[1])
      .sort()
  ).toEqual(['ada@example.com', 'alan@example.com', 'grace@example.com']);
});
