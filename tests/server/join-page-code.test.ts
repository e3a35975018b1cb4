// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, seatsUsedOf } from '../helpers/fixtures';
import { openPage } from '../helpers/join-page';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

let unique = 0;
const newCode = () => {
  unique += 1;
  return `CLUB-${Date.now().toString(36).toUpperCase()}-${unique}`;
};

/** The code page as a browser opens it: its CSRF value and cookie. */
const openCodePage = () => openPage(app, '/invitations/join', 'en');

const postCodePage = (opened: { csrf: string; cookie: string }, fields: Record<string, string>) =>
  app
    .http()
    .post('/invitations/join')
    .set('Cookie', opened.cookie)
    .set('Accept-Language', 'en')
    .type('form')
    .send({ csrf: opened.csrf, ...fields });

test('asks for the code, then shows the link’s own form with the welcome text, never its token', async () => {
  const code = newCode();
  const invitation = await createInvitation(app, { code, welcomeMessage: 'Welcome to the club!', allowExistingAccounts: true });
  const opened = await openCodePage();
  expect(opened.res.status).toBe(200);
  expect(opened.res.text).toContain('Enter your invitation code');

  const form = await postCodePage(opened, { code: code.toLowerCase().replace(/-/g, ' ') });
  expect(form.status).toBe(200);
  expect(form.text).toContain('Create your account');
  expect(form.text).toContain('Welcome to the club!');
  expect(form.text).not.toContain(invitation.token);
  expect(form.headers['content-security-policy']).toMatch(/default-src 'none'/);
});

test('signs up with the code: one seat of that link, and the account is made', async () => {
  const code = newCode();
  const invitation = await createInvitation(app, { code, maxUses: 2 });
  const opened = await openCodePage();
  const stamp = Date.now().toString(36);
  const res = await postCodePage(opened, {
    code,
    username: `coder${stamp}`,
    email: `coder${stamp}@example.com`,
    password: 'Password-123',
  });
  expect(res.status).toBe(201);
  expect(res.text).toContain('Your account is ready');
  expect(await seatsUsedOf(app, invitation.id)).toBe(1);
});

test('a mistake in the form shows the form again with the code kept; a wrong code asks again', async () => {
  const code = newCode();
  await createInvitation(app, { code });
  const opened = await openCodePage();
  const mistake = await postCodePage(opened, { code, username: 'someone', email: 'not-an-email', password: 'Password-123' });
  expect(mistake.status).toBe(400);
  expect(mistake.text).toContain(`name="code" value="${code}"`);

  const wrong = await postCodePage(opened, { code: 'NOT-A-REAL-CODE' });
  expect(wrong.status).toBe(404);
  expect(wrong.text).toContain('This code does not match any invitation.');
  expect(wrong.text).toContain('value="NOT-A-REAL-CODE"');
});

test('without the page’s CSRF value nothing is looked up', async () => {
  const code = newCode();
  const invitation = await createInvitation(app, { code });
  const res = await app
    .http()
    .post('/invitations/join')
    .type('form')
    .send({ code, username: 'x', email: 'x@example.com', password: 'Password-123' });
  expect(res.status).toBe(403);
  expect(await seatsUsedOf(app, invitation.id)).toBe(0);
});

test('the address of a QR code of the code fills the field in, and looks nothing up until the visitor goes on', async () => {
  const code = newCode();
  const invitation = await createInvitation(app, { code });
  expect(invitation.codeUrl).toBe(`${new URL(invitation.url).origin}/invitations/join?code=${encodeURIComponent(code)}`);
  const res = await app
    .http()
    .get(`/invitations/join?code=${encodeURIComponent(code)}`)
    .set('Accept-Language', 'en');
  expect(res.status).toBe(200);
  expect(res.text).toMatch(new RegExp(`name="code"[^>]*value="${code}"`));
  expect(res.text).not.toContain('Create your account');
});
