// @database: an accept takes its seat and changes the member's role in one transaction
import { createAdminWithActions, useTestApp, type TestApp } from '../helpers/strapi';
import {
  acceptInvitation,
  createInvitation,
  createMember,
  createPersonalLink,
  createRole,
  expectExactStrapiError,
  findUser,
  inDays,
  memberToken,
  redemptionsOf,
  seatsUsedOf,
  setInvitationRow,
  type JsonBody,
} from '../helpers/fixtures';

const ALLOWED_ORIGIN = 'https://members.example.com';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { INVITATIONS_REDIRECT_ORIGINS: ALLOWED_ORIGIN }
);

let speakers: { id: number; name: string; type: string };
beforeAll(async () => {
  speakers = await createRole(app, 'accept-speakers', 'Speakers');
});

const roleOf = async (email: string) => (await findUser(app, email)).role;

/** A link members may accept, giving Speakers unless `fields` say otherwise. */
const memberLink = (fields: Record<string, unknown> = {}) =>
  createInvitation(app, { name: 'Speakers 2027', role: speakers.id, allowExistingAccounts: true, ...fields });

/** A member and their access token. */
const signedInMember = async (options: Parameters<typeof createMember>[1] = {}) => {
  const member = await createMember(app, options);
  return { member, bearer: await memberToken(app, member) };
};

/** Expects the refusal in Strapi's error format with its reason, and the member's role and the link's seats unchanged. */
const expectRefused = async (
  res: { status: number; body: JsonBody },
  refusal: { status: number; name: string; reason?: string },
  unchanged: { email: string; invitationId: number; roleId: number }
) => {
  expectExactStrapiError(res, refusal.status, refusal.name);
  if (refusal.reason) expect(res.body.error.details.reason).toBe(refusal.reason);
  expect((await roleOf(unchanged.email)).id).toBe(unchanged.roleId);
  expect(await seatsUsedOf(app, unchanged.invitationId)).toBe(0);
  expect(await redemptionsOf(app, unchanged.invitationId)).toEqual([]);
};

describe('a member accepting a link', () => {
  test("gets the link's role, takes one seat, and is recorded as an accept with the role they had", async () => {
    const invitation = await memberLink({ redirectUrl: `${ALLOWED_ORIGIN}/speakers` });
    const { member, bearer } = await signedInMember();
    const before = await roleOf(member.email);

    const res = await acceptInvitation(app, invitation.token, bearer);

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      data: {
        user: { id: member.id, username: member.username, email: member.email },
        role: { id: speakers.id, name: 'Speakers', type: 'accept-speakers' },
        previousRole: { id: before.id, name: before.name, type: before.type },
        redirectUrl: `${ALLOWED_ORIGIN}/speakers`,
      },
    });
    expect((await roleOf(member.email)).id).toBe(speakers.id);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    const [redemption] = await app.strapi.db
      .query('plugin::invitations.redemption')
      .findMany({ where: { invitation: { id: invitation.id } }, populate: ['user', 'previousRole'] });
    expect(redemption).toMatchObject({ kind: 'accepted', user: { id: member.id }, previousRole: { id: before.id } });
  });

  test('works with the token a sign-in with identifier and password gives', async () => {
    const invitation = await memberLink();
    const member = await createMember(app);
    const login = await app.http().post('/api/auth/local').send({ identifier: member.email, password: member.password });
    expect(login.status).toBe(200);

    const res = await acceptInvitation(app, invitation.token, login.body.jwt);

    expect(res.status).toBe(200);
    expect((await roleOf(member.email)).id).toBe(speakers.id);
  });

  test('fills only the fields the member left empty with the presets', async () => {
    const invitation = await memberLink({ userDefaults: { homeSection: 'events', interests: 'cycling', newsletter: true } });
    const { member, bearer } = await signedInMember();
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: member.id }, data: { homeSection: 'community', interests: null, newsletter: false } });

    expect((await acceptInvitation(app, invitation.token, bearer)).status).toBe(200);

    // newsletter: false is the member's own choice, not an empty field.
    expect(await findUser(app, member.email)).toMatchObject({
      homeSection: 'community',
      interests: 'cycling',
      newsletter: false,
    });
  });

  test("a link without a role gives the site's default role", async () => {
    const invitation = await createInvitation(app, { allowExistingAccounts: true });
    const { member, bearer } = await signedInMember({ role: speakers.id });

    const res = await acceptInvitation(app, invitation.token, bearer);

    expect(res.status).toBe(200);
    expect(res.body.data.role.type).toBe('authenticated');
    expect((await roleOf(member.email)).type).toBe('authenticated');
    expect(res.body.data.previousRole).toMatchObject({ id: speakers.id });
  });

  test("deleting the link afterwards leaves the member's new role as it is", async () => {
    const invitation = await memberLink();
    const { member, bearer } = await signedInMember();
    expect((await acceptInvitation(app, invitation.token, bearer)).status).toBe(200);

    const deleted = await app
      .http()
      .delete(`/invitations/invitations/${invitation.id}`)
      .set('Authorization', `Bearer ${app.adminToken}`);

    expect(deleted.status).toBe(200);
    expect((await roleOf(member.email)).id).toBe(speakers.id);
  });

  test('the admin sees the accept among the accounts, with its kind and the previous role, in the list and the CSV', async () => {
    const invitation = await memberLink();
    const { member, bearer } = await signedInMember();
    expect((await acceptInvitation(app, invitation.token, bearer)).status).toBe(200);

    const list = await app
      .http()
      .get(`/invitations/invitations/${invitation.id}/redemptions`)
      .set('Authorization', `Bearer ${app.adminToken}`);
    expect(list.body.results).toEqual([
      {
        user: { id: member.id, username: member.username, email: member.email },
        redeemedAt: expect.any(String),
        kind: 'accepted',
        previousRole: { id: expect.any(Number), name: 'Authenticated' },
      },
    ]);
    const csv = await app
      .http()
      .get(`/invitations/invitations/${invitation.id}/redemptions/export`)
      .set('Authorization', `Bearer ${app.adminToken}`);
    expect(csv.status).toBe(200);
    const [header, row] = csv.text.trim().split(/\r?\n/);
    expect(header).toBe('username,email,redeemedAt,kind,previousRole');
    expect(row).toMatch(new RegExp(`^${member.username},${member.email},[^,]+,accepted,Authenticated$`));
  });

  test('the invitation.redeemed event says it was an accept and which role the member had', async () => {
    const invitation = await memberLink({ name: 'Event speakers' });
    const { member, bearer } = await signedInMember();
    const emitted: JsonBody[] = [];
    const listener = async (payload: unknown) => {
      emitted.push(payload);
    };
    app.strapi.eventHub.on('invitation.redeemed', listener);
    try {
      expect((await acceptInvitation(app, invitation.token, bearer)).status).toBe(200);
    } finally {
      app.strapi.eventHub.off('invitation.redeemed', listener);
    }
    expect(emitted).toEqual([
      {
        invitation: { id: invitation.id, name: 'Event speakers' },
        user: { id: member.id, email: member.email },
        redeemedAt: expect.any(String),
        kind: 'accepted',
        previousRole: { id: expect.any(Number), name: 'Authenticated', type: 'authenticated' },
      },
    ]);
  });

  test('the public status of a link says whether members may accept it', async () => {
    const open = await memberLink();
    const closed = await createInvitation(app);
    expect((await app.http().get(`/api/invitations/${open.token}`)).body.data.allowExistingAccounts).toBe(true);
    expect((await app.http().get(`/api/invitations/${closed.token}`)).body.data.allowExistingAccounts).toBe(false);
  });
});

describe('refusals: each changes neither the role nor the seats', () => {
  const setUp = async (fields: Record<string, unknown> = {}, memberOptions: Parameters<typeof createMember>[1] = {}) => {
    const invitation = await memberLink(fields);
    const { member, bearer } = await signedInMember(memberOptions);
    const roleId = (await roleOf(member.email)).id;
    return { invitation, member, bearer, unchanged: { email: member.email, invitationId: invitation.id, roleId } };
  };

  test('401 without a token, with a malformed or forged one, with an API token (full or read-only) or an admin’s', async () => {
    const { invitation, unchanged } = await setUp();
    const apiToken = async (type: 'full-access' | 'read-only') => {
      const res = await app
        .http()
        .post('/admin/api-tokens')
        .set('Authorization', `Bearer ${app.adminToken}`)
        .send({ name: `${type} ${Date.now()}`, type, lifespan: null });
      expect(res.status).toBe(201);
      return res.body.data.accessKey as string;
    };
    const limitedAdmin = await createAdminWithActions(app, 'accept limited admin', ['read']);
    const forged = `${(await memberToken(app, { id: 1 })).slice(0, -4)}AAAA`;
    const bearers = [
      undefined,
      'not-a-token',
      forged,
      await apiToken('full-access'),
      await apiToken('read-only'),
      app.adminToken,
      limitedAdmin,
    ];

    for (const bearer of bearers) {
      const res = await acceptInvitation(app, invitation.token, bearer);
      await expectRefused(res, { status: 401, name: 'UnauthorizedError', reason: 'not-signed-in' }, unchanged);
    }
  });

  test('401 for a blocked account', async () => {
    const { invitation, bearer, unchanged } = await setUp({}, { blocked: true });
    const res = await acceptInvitation(app, invitation.token, bearer);
    await expectRefused(res, { status: 401, name: 'UnauthorizedError', reason: 'not-signed-in' }, unchanged);
  });

  test('401 for an account that has not confirmed its email, where the site asks for confirmation', async () => {
    const { invitation, member, bearer, unchanged } = await setUp();
    await app.strapi.db.query('plugin::users-permissions.user').update({ where: { id: member.id }, data: { confirmed: false } });
    const store = app.strapi.store({ type: 'plugin', name: 'users-permissions' });
    const advanced = (await store.get({ key: 'advanced' })) as Record<string, unknown>;
    await store.set({ key: 'advanced', value: { ...advanced, email_confirmation: true } });
    try {
      const res = await acceptInvitation(app, invitation.token, bearer);
      await expectRefused(res, { status: 401, name: 'UnauthorizedError', reason: 'not-signed-in' }, unchanged);
    } finally {
      await store.set({ key: 'advanced', value: advanced });
    }
  });

  test('403 on a link that does not allow existing accounts', async () => {
    const { invitation, bearer, unchanged } = await setUp({ allowExistingAccounts: false });
    const res = await acceptInvitation(app, invitation.token, bearer);
    await expectRefused(res, { status: 403, name: 'ForbiddenError', reason: 'existing-accounts-not-allowed' }, unchanged);
  });

  test('409 for a member who already has the role the link gives', async () => {
    const { invitation, bearer, unchanged } = await setUp({}, { role: speakers.id });
    const res = await acceptInvitation(app, invitation.token, bearer);
    await expectRefused(res, { status: 409, name: 'ConflictError', reason: 'same-role' }, unchanged);
  });

  test('409 for a member accepting the same link again, even after their role changed back', async () => {
    const { invitation, member, bearer } = await setUp({ maxUses: 5 });
    expect((await acceptInvitation(app, invitation.token, bearer)).status).toBe(200);
    const authenticated = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'authenticated' } });
    await app.strapi.db
      .query('plugin::users-permissions.user')
      .update({ where: { id: member.id }, data: { role: authenticated.id } });

    const again = await acceptInvitation(app, invitation.token, bearer);

    expectExactStrapiError(again, 409, 'ConflictError');
    expect(again.body.error.details.reason).toBe('already-accepted');
    expect((await roleOf(member.email)).id).toBe(authenticated.id);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test("403 on a personal link sent to another address; the member's own personal link works, once", async () => {
    const other = await createPersonalLink(app, 'someone-else@example.com', { role: speakers.id, allowExistingAccounts: true });
    const { member, bearer } = await signedInMember();
    const roleId = (await roleOf(member.email)).id;
    const res = await acceptInvitation(app, other.token, bearer);
    await expectRefused(
      res,
      { status: 403, name: 'ForbiddenError', reason: 'email-mismatch' },
      { email: member.email, invitationId: other.invitation.id, roleId }
    );

    const own = await createPersonalLink(app, member.email, { role: speakers.id, allowExistingAccounts: true });
    expect((await acceptInvitation(app, own.token, bearer)).status).toBe(200);
    const [recipient] = await app.strapi.db
      .query('plugin::invitations.recipient')
      .findMany({ where: { id: own.recipientId }, populate: ['user'] });
    expect(recipient).toMatchObject({ status: 'accepted', user: { id: member.id } });
    const reused = await acceptInvitation(app, own.token, bearer);
    expect(reused.status).toBe(410);
  });

  test('403 for an address outside the domains the link allows', async () => {
    const { invitation, bearer, unchanged } = await setUp({ allowedEmailDomains: ['members.example.org'] });
    const res = await acceptInvitation(app, invitation.token, bearer);
    await expectRefused(res, { status: 403, name: 'ForbiddenError', reason: 'email-domain' }, unchanged);
  });

  test('404 for an unknown link, 410 for a used-up or an expired one', async () => {
    const { bearer, member } = await signedInMember();
    const roleId = (await roleOf(member.email)).id;
    const unknown = await acceptInvitation(app, 'A'.repeat(43), bearer);
    expectExactStrapiError(unknown, 404, 'NotFoundError');

    const usedUp = await memberLink({ maxUses: 1 });
    await setInvitationRow(app, usedUp.id, { usedCount: 1 });
    const full = await acceptInvitation(app, usedUp.token, bearer);
    expectExactStrapiError(full, 410, 'GoneError');
    expect(full.body.error.details.reason).toBe('exhausted');

    const expired = await memberLink();
    await setInvitationRow(app, expired.id, { expiresAt: new Date(Date.now() - 1000) });
    const late = await acceptInvitation(app, expired.token, bearer);
    expectExactStrapiError(late, 410, 'GoneError');
    expect(late.body.error.details.reason).toBe('expired');
    expect((await roleOf(member.email)).id).toBe(roleId);
    expect(await seatsUsedOf(app, usedUp.id)).toBe(1);
    expect(await seatsUsedOf(app, expired.id)).toBe(0);
  });

  test('400 for a body with fields or a query parameter', async () => {
    const { invitation, bearer, unchanged } = await setUp();
    const withField = await acceptInvitation(app, invitation.token, bearer).send({ role: 1 });
    await expectRefused(withField, { status: 400, name: 'ValidationError' }, unchanged);
    const withQuery = await app
      .http()
      .post(`/api/invitations/${invitation.token}/accept?role=1`)
      .set('Authorization', `Bearer ${bearer}`);
    await expectRefused(withQuery, { status: 400, name: 'ValidationError' }, unchanged);
  });
});

describe('allowExistingAccounts on a link', () => {
  const put = (id: number, body: Record<string, unknown>) =>
    app.http().put(`/invitations/invitations/${id}`).set('Authorization', `Bearer ${app.adminToken}`).send(body);

  test('is false unless set, can be turned on and off, and must be a boolean', async () => {
    const invitation = await createInvitation(app);
    expect(invitation.allowExistingAccounts).toBe(false);
    expect((await put(invitation.id, { allowExistingAccounts: true })).body.data.allowExistingAccounts).toBe(true);
    expect((await put(invitation.id, { allowExistingAccounts: false })).body.data.allowExistingAccounts).toBe(false);

    for (const value of ['yes', 1, null]) {
      const res = await put(invitation.id, { allowExistingAccounts: value });
      expectExactStrapiError(res, 400, 'ValidationError');
      expect(res.body.error.details.errors[0].path).toEqual(['allowExistingAccounts']);
    }
    const created = await app
      .http()
      .post('/invitations/invitations')
      .set('Authorization', `Bearer ${app.adminToken}`)
      .send({ name: 'Bad', maxUses: 1, expiresAt: inDays(1), allowExistingAccounts: 'true' });
    expectExactStrapiError(created, 400, 'ValidationError');
  });
});
