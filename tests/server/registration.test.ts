// @database: seats taken and the last seat given once
import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  countUsers,
  createInvitation,
  createRole,
  expectStrapiError,
  findUser,
  newAccount,
  redemptionsOf,
  register,
  seatsUsedOf,
  setInvitationRow,
} from '../helpers/fixtures';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

describe('without an invitation', () => {
  test('registration is refused with 403 and no account is made', async () => {
    const before = await countUsers(app);
    expectStrapiError(await register(app, newAccount()), 403, /^An invitation is required to register$/);
    expectStrapiError(await register(app, { ...newAccount(), invitationToken: '' }), 403);
    expectStrapiError(await register(app, { ...newAccount(), invitationToken: null }), 403);
    expect(await countUsers(app)).toBe(before);
  });

  test('existing users still log in', async () => {
    const invitation = await createInvitation(app);
    const account = newAccount();
    await register(app, { ...account, invitationToken: invitation.token });
    const res = await app.http().post('/api/auth/local').send({ identifier: account.email, password: account.password });
    expect(res.status).toBe(200);
    expect(res.body.jwt).toEqual(expect.any(String));
  });
});

describe('with a valid invitation', () => {
  test('creates the account, takes one seat and records the redemption', async () => {
    const invitation = await createInvitation(app, { maxUses: 3 });
    const account = newAccount();
    const res = await register(app, { ...account, invitationToken: invitation.token });

    expect(res.status).toBe(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ username: account.username, email: account.email });
    expect(JSON.stringify(res.body)).not.toContain(invitation.token);

    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    const redemptions = await redemptionsOf(app, invitation.id);
    expect(redemptions).toHaveLength(1);
    expect(redemptions[0].user.id).toBe(res.body.user.id);
    expect(new Date(redemptions[0].redeemedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  test("gives the account the invitation's role, or the site's default role", async () => {
    const special = await createRole(app, 'partner', 'Partner');
    const withRole = await createInvitation(app, { role: special.id });
    const withoutRole = await createInvitation(app);

    const partner = newAccount();
    const member = newAccount();
    expect((await register(app, { ...partner, invitationToken: withRole.token })).status).toBe(200);
    expect((await register(app, { ...member, invitationToken: withoutRole.token })).status).toBe(200);

    expect((await findUser(app, partner.email)).role.type).toBe('partner');
    expect((await findUser(app, member.email)).role.type).toBe('authenticated');
  });

  test('the last seat goes to one person only', async () => {
    const invitation = await createInvitation(app, { maxUses: 1 });
    expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(200);
    const second = await register(app, { ...newAccount(), invitationToken: invitation.token });
    expectStrapiError(second, 410, /used up/);
    expect(second.body.error.details).toEqual({ reason: 'exhausted' });
    // The seat is checked before users-permissions looks at the rest of the body.
    const invalidToo = await register(app, { ...newAccount(), email: 'not-an-email', invitationToken: invitation.token });
    expectStrapiError(invalidToo, 410);
  });
});

describe('with an unusable invitation', () => {
  test('an unknown or malformed token is 404', async () => {
    const before = await countUsers(app);
    expectStrapiError(await register(app, { ...newAccount(), invitationToken: 'A'.repeat(43) }), 404, /does not exist/);
    expectStrapiError(await register(app, { ...newAccount(), invitationToken: 'not-a-token' }), 404);
    expectStrapiError(await register(app, { ...newAccount(), invitationToken: "' OR 1=1 --" }), 404);
    expect(await countUsers(app)).toBe(before);
  });

  test('a token that is not a string is 400', async () => {
    for (const invitationToken of [42, ['x'], { $ne: null }, true]) {
      expectStrapiError(await register(app, { ...newAccount(), invitationToken }), 400, /invitationToken must be a string/);
    }
  });

  test('an expired link is 410 and makes no account', async () => {
    const invitation = await createInvitation(app);
    await setInvitationRow(app, invitation.id, { expiresAt: new Date(Date.now() - 1000) });
    const before = await countUsers(app);
    const res = await register(app, { ...newAccount(), invitationToken: invitation.token });
    expectStrapiError(res, 410, /expired/);
    expect(res.body.error.details).toEqual({ reason: 'expired' });
    expect(await countUsers(app)).toBe(before);
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
  });

  test('a link that takes no one says so first, whatever else is wrong with the sign-up', async () => {
    const taken = newAccount();
    const invitation = await createInvitation(app, { maxUses: 1 });
    expect((await register(app, { ...taken, invitationToken: invitation.token })).status).toBe(200);
    const users = await countUsers(app);
    const usedUp = [
      { ...newAccount(), email: taken.email },
      { ...newAccount(), password: 'x' },
      { ...newAccount(), role: 1 },
    ];
    for (const body of usedUp) {
      const res = await register(app, { ...body, invitationToken: invitation.token });
      expectStrapiError(res, 410);
      expect(res.body.error.details).toEqual({ reason: 'exhausted' });
    }
    expectStrapiError(await register(app, { ...newAccount(), email: taken.email, invitationToken: 'A'.repeat(43) }), 404);
    expect(await countUsers(app)).toBe(users);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });
});

describe('a registration that fails uses no seat', () => {
  test.each([
    ['the email is taken', (taken: Record<string, string>) => ({ ...newAccount(), email: taken.email }), 400],
    ['the username is taken', (taken: Record<string, string>) => ({ ...newAccount(), username: taken.username }), 400],
    ['the password is too short', () => ({ ...newAccount(), password: 'x' }), 400],
    ['the email is invalid', () => ({ ...newAccount(), email: 'not-an-email' }), 400],
    ['the body has extra fields', () => ({ ...newAccount(), role: 1 }), 400],
  ])('when %s', async (_label, makeBody, status) => {
    const taken = newAccount();
    const invitation = await createInvitation(app, { maxUses: 2 });
    expect((await register(app, { ...taken, invitationToken: invitation.token })).status).toBe(200);
    const users = await countUsers(app);

    const res = await register(app, { ...makeBody(taken), invitationToken: invitation.token });
    expectStrapiError(res, status);

    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(1);
    expect(await countUsers(app)).toBe(users);
    // The seat is still there for the next person.
    expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(200);
  });
});
