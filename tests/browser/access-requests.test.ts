import { openAdminPage, saveScreenshot, startSiteWithMail, type SiteWithMail } from '../helpers/browser';

jest.setTimeout(240_000);

let site: SiteWithMail;

beforeAll(async () => {
  site = await startSiteWithMail();
});
afterAll(() => site?.stop());

/** What a person without a link sends from the site (the public route answers 202 whatever happens). */
const requestAccess = async (email: string, name?: string, message?: string) => {
  const res = await fetch(`${site.server.url}/api/invitations/requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, ...(name && { name }), ...(message && { message }) }),
  });
  expect(res.status).toBe(202);
};

/** The personal link's token in the last email `address` received. */
const tokenMailedTo = (address: string) => {
  const mails = site.smtp.receivedBy(address);
  const text = String(mails[mails.length - 1].mail.text);
  return /\/invitations\/join\/([A-Za-z0-9_-]+)/.exec(text)?.[1] as string;
};

const requestsOf = async (status: string) =>
  (await site.admin.expectOk(`/invitations/requests?status=${status}&pageSize=100`)).results as Array<{
    email: string;
    invitation: { name: string } | null;
  }>;

test('the Access requests page: approve into a link (the person signs up with the mailed link), decline with an answer, bulk approve and bulk decline', async () => {
  await site.admin.createLink({ name: 'Evening class', maxUses: 10 });
  await site.admin.createLink({ name: 'Students', maxUses: 50, autoApproveDomains: ['students.example.edu'] });
  await requestAccess('ada@example.edu', 'Ada Lovelace', 'I teach the evening class on Thursdays.\nCould I get an account?');
  await requestAccess('grace@example.org', 'Grace Hopper', 'A friend told me about the site.');
  await requestAccess('alan@example.com', 'Alan Turing');
  await requestAccess('barbara@example.com', undefined, 'Member of the board.');
  await requestAccess('spam@example.net', undefined, 'Buy cheap watches');
  await requestAccess('bot@example.net');
  // Approved at once into Students by its domain.
  await requestAccess('eve@students.example.edu', 'Eve');

  const page = await openAdminPage(site.browser, site.server.url, 'en-US');
  // The main menu's icon counts them too.
  await page.getByRole('navigation').getByRole('status', { name: '6 access requests waiting' }).waitFor();
  await page.getByRole('link', { name: '6 access requests waiting' }).click();
  await page.getByRole('heading', { name: 'Access requests', level: 1 }).waitFor();
  const row = (email: string) => page.locator(`tr[data-request="${email}"]`);
  await row('ada@example.edu').getByText('Ada Lovelace').waitFor();
  await row('ada@example.edu')
    .getByText(/I teach the evening class on Thursdays\./)
    .waitFor();
  await page.getByRole('combobox', { name: 'Status' }).getByText('Pending (6)').waitFor();

  // Approve one: pick the link, see its seats, send.
  await row('ada@example.edu').getByRole('button', { name: 'Approve ada@example.edu' }).click();
  const approve = page.getByRole('dialog', { name: 'Approve the request of ada@example.edu' });
  await approve.getByRole('combobox', { name: /^Link/ }).click();
  await page.getByRole('option', { name: /^Evening class \(10 seats left, expires / }).click();
  await saveScreenshot(page, 'access-request-approve-en');
  await approve.getByRole('button', { name: 'Approve and send' }).click();
  await page.getByText('Request approved: a personal link was sent').waitFor();
  await row('ada@example.edu').waitFor({ state: 'detached' });
  const adaToken = tokenMailedTo('ada@example.edu');
  expect(adaToken).toBeTruthy();
  const signUp = await fetch(`${site.server.url}/api/auth/local/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'ada', email: 'ada@example.edu', password: 'Password-123', invitationToken: adaToken }),
  });
  expect(signUp.status).toBe(200);

  // Decline one with an email and a message of the reviewer's own.
  await row('grace@example.org').getByRole('button', { name: 'Decline grace@example.org' }).click();
  const decline = page.getByRole('dialog', { name: 'Decline the request of grace@example.org' });
  await decline.getByRole('checkbox', { name: 'Send an email to say so' }).click();
  await decline.getByRole('textbox', { name: 'Your message (optional)' }).fill('The evening class is full this term.');
  await decline.getByRole('button', { name: 'Decline' }).click();
  await page.getByText('Request declined').waitFor();
  await row('grace@example.org').waitFor({ state: 'detached' });
  expect(String(site.smtp.receivedBy('grace@example.org')[0].mail.text)).toContain('The evening class is full this term.');

  // Bulk approve two into one link.
  await row('alan@example.com').getByRole('checkbox', { name: 'Select the request of alan@example.com' }).click();
  await row('barbara@example.com').getByRole('checkbox', { name: 'Select the request of barbara@example.com' }).click();
  await page.getByRole('button', { name: 'Approve 2' }).click();
  const bulkApprove = page.getByRole('dialog', { name: 'Approve 2 requests' });
  await bulkApprove.getByRole('combobox', { name: /^Link/ }).click();
  await page.getByRole('option', { name: /^Evening class/ }).click();
  await bulkApprove.getByRole('button', { name: 'Approve 2 and send' }).click();
  await page.getByText('2 requests approved: a personal link was sent to each').waitFor();
  await row('alan@example.com').waitFor({ state: 'detached' });
  expect(tokenMailedTo('alan@example.com')).toBeTruthy();
  expect(tokenMailedTo('barbara@example.com')).toBeTruthy();

  // Bulk decline the rest, without an email.
  const mailsBefore = site.smtp.received.length;
  await page.getByRole('checkbox', { name: 'Select all entries' }).click();
  await page.getByRole('button', { name: 'Decline 2' }).click();
  await page.getByRole('dialog', { name: 'Decline 2 requests' }).getByRole('button', { name: 'Decline 2' }).click();
  await page.getByText('2 requests declined').waitFor();
  await page.getByText('No request matches this search or filter.').waitFor();
  expect(site.smtp.received).toHaveLength(mailsBefore);

  // What the server holds: each decision once.
  expect((await requestsOf('pending')).map((request) => request.email)).toEqual([]);
  expect((await requestsOf('declined')).map((request) => request.email).sort()).toEqual([
    'bot@example.net',
    'grace@example.org',
    'spam@example.net',
  ]);
  const approved = await requestsOf('approved');
  expect(approved.map((request) => [request.email, request.invitation?.name]).sort()).toEqual([
    ['ada@example.edu', 'Evening class'],
    ['alan@example.com', 'Evening class'],
    ['barbara@example.com', 'Evening class'],
    ['eve@students.example.edu', 'Students'],
  ]);

  // Every request, with who decided and into which link.
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'All requests' }).click();
  await row('eve@students.example.edu')
    .getByText(/^Auto-approved, /)
    .waitFor();
  await row('ada@example.edu').getByRole('link', { name: 'Evening class' }).waitFor();
  await page.getByRole('searchbox', { name: 'Search by email' }).fill('example.com');
  await row('ada@example.edu').waitFor({ state: 'detached' });
  await row('alan@example.com').waitFor();
  await page.getByRole('searchbox', { name: 'Search by email' }).fill('');
  await row('ada@example.edu').waitFor();
  await page.getByRole('heading', { name: 'Access requests', level: 1 }).click();
  await page.getByText('2 requests declined').waitFor({ state: 'detached' });
  await saveScreenshot(page, 'access-requests-en');

  // The Invitations page's way back to the requests says none wait now.
  await page.locator('#main-content').getByRole('link', { name: 'Invitations' }).click();
  await page.getByRole('link', { name: 'Access requests, none pending' }).waitFor();
  await page.context().close();
});
