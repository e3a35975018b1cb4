// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, expectStrapiError, inDays, newAccount, register, setInvitationRow } from '../helpers/fixtures';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

const status = (token: string) => app.http().get(`/api/invitations/${encodeURIComponent(token)}`);

test('tells the holder of a link when it expires and how many seats are left, and nothing else', async () => {
  const expiresAt = inDays(5);
  const invitation = await createInvitation(app, { name: 'Board members only', maxUses: 4, expiresAt });
  await register(app, { ...newAccount(), invitationToken: invitation.token });

  const res = await status(invitation.token);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    data: {
      expiresAt,
      remaining: 3,
      welcomeMessage: null,
      redirectUrl: null,
      allowedEmailDomains: [],
      allowExistingAccounts: false,
    },
  });
  expect(res.headers['cache-control']).toBe('no-store');
  expect(JSON.stringify(res.body)).not.toContain('Board members');
});

test('needs no authentication, and works for an authenticated user too', async () => {
  const invitation = await createInvitation(app);
  const account = newAccount();
  const { body } = await register(app, { ...account, invitationToken: invitation.token });
  const res = await app.http().get(`/api/invitations/${invitation.token}`).set('Authorization', `Bearer ${body.jwt}`);
  expect(res.status).toBe(200);
});

test('404 for unknown, malformed and deleted links', async () => {
  expectStrapiError(await status('B'.repeat(43)), 404, /does not exist or has been deleted/);
  expectStrapiError(await status('short'), 404);
  expectStrapiError(await status('x'.repeat(5000)), 404);
  const invitation = await createInvitation(app);
  await app.http().delete(`/invitations/invitations/${invitation.id}`).set('Authorization', `Bearer ${app.adminToken}`);
  expectStrapiError(await status(invitation.token), 404);
});

test('410 saying "expired" or "used up"', async () => {
  const expired = await createInvitation(app);
  await setInvitationRow(app, expired.id, { expiresAt: new Date(Date.now() - 60_000) });
  expectStrapiError(await status(expired.token), 410, /has expired/);

  const usedUp = await createInvitation(app, { maxUses: 1 });
  await register(app, { ...newAccount(), invitationToken: usedUp.token });
  const res = await status(usedUp.token);
  expectStrapiError(res, 410, /has been used up/);
  expect(res.body.error.name).toBe('GoneError');
});
