// @database: codes are looked up by a keyed hash in a unique column
import crypto from 'node:crypto';
import { createAdminWithActions, useTestApp, type TestApp } from '../helpers/strapi';
import {
  createInvitation,
  createMember,
  createRole,
  expectExactStrapiError,
  findUser,
  inDays,
  memberToken,
  newAccount,
  register,
  seatsUsedOf,
} from '../helpers/fixtures';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

const post = (body: Record<string, unknown>) =>
  app.http().post('/invitations/invitations').set('Authorization', `Bearer ${app.adminToken}`).send(body);
const put = (id: number, body: Record<string, unknown>) =>
  app.http().put(`/invitations/invitations/${id}`).set('Authorization', `Bearer ${app.adminToken}`).send(body);
const statusByCode = (code: string) => app.http().get(`/api/invitations/code/${encodeURIComponent(code)}`);

let unique = 0;
/** A code no other test has used. */
const newCode = (prefix = 'SPRING') => {
  unique += 1;
  return `${prefix}-${Date.now().toString(36).toUpperCase()}-${unique}`;
};

describe('setting a code', () => {
  test('the admin sets it, sees it again as typed, and the database holds neither it nor its plain hash', async () => {
    const code = newCode('Spring');
    const invitation = await createInvitation(app, { code });
    expect(invitation).toMatchObject({ hasCode: true, code });

    const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(code);
    expect(stored.toUpperCase()).not.toContain(code.replace(/-/g, '').toUpperCase());
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const plainHash = crypto.createHash('sha256').update(code.replace(/-/g, '').toUpperCase()).digest('hex');
    expect(row.codeHash).not.toBe(plainHash);
  });

  test('is refused when it is not 6 to 32 letters, digits and dashes', async () => {
    for (const code of ['ABC12', 'A'.repeat(33), 'SPRING 2027', 'SPRÎNG-2027', '------', 'AB-CD-', 42]) {
      const res = await post({ name: 'Bad code', maxUses: 1, expiresAt: inDays(1), code });
      expectExactStrapiError(res, 400, 'ValidationError');
      expect(res.body.error.details.errors[0].path).toEqual(['code']);
    }
  });

  test('is unique among links, without case or dashes: 409 code-taken, on create and on edit', async () => {
    const code = newCode();
    const first = await createInvitation(app, { code });
    const other = await createInvitation(app);
    const sameCode = code.toLowerCase().replace(/-/g, '');

    const created = await post({ name: 'Twin', maxUses: 1, expiresAt: inDays(1), code: sameCode });
    expectExactStrapiError(created, 409, 'ConflictError');
    expect(created.body.error.details.reason).toBe('code-taken');
    const edited = await put(other.id, { code: sameCode });
    expectExactStrapiError(edited, 409, 'ConflictError');
    // A link may keep its own code, in another spelling.
    expect((await put(first.id, { code: sameCode })).status).toBe(200);
  });

  test('two links saved at once with one code: one gets it, the other a 409', async () => {
    const code = newCode('RACE');
    const results = await Promise.all([1, 2, 3].map(() => post({ name: 'Race', maxUses: 1, expiresAt: inDays(1), code })));
    expect(results.map((res) => res.status).sort()).toEqual([201, 409, 409]);
  });

  test('can be changed and removed: the old code stops working at once', async () => {
    const before = newCode('OLD');
    const after = newCode('NEW');
    const invitation = await createInvitation(app, { code: before });
    expect((await put(invitation.id, { code: after })).body.data.code).toBe(after);
    expect((await statusByCode(before)).status).toBe(404);
    expect((await statusByCode(after)).status).toBe(200);
    const removed = await put(invitation.id, { code: null });
    expect(removed.body.data).toMatchObject({ hasCode: false, code: null });
    expect((await statusByCode(after)).status).toBe(404);
  });
});

describe('using a code instead of the token', () => {
  test('the status answers for any spelling of the code, as for the token', async () => {
    const code = newCode('Board');
    const invitation = await createInvitation(app, { code, welcomeMessage: 'Welcome' });
    const byToken = (await app.http().get(`/api/invitations/${invitation.token}`)).body;
    for (const spelling of [code, code.toLowerCase(), code.replace(/-/g, ' '), code.replace(/-/g, '')]) {
      const res = await statusByCode(spelling);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(byToken);
    }
    expect(JSON.stringify(byToken)).not.toContain(invitation.token);
  });

  test('a sign-up with invitationCode takes a seat of that link; a wrong code 404 and no account', async () => {
    const code = newCode('JOIN');
    const invitation = await createInvitation(app, { code, maxUses: 1 });
    const account = newAccount();
    const res = await register(app, { ...account, invitationCode: code.toLowerCase() });
    expect(res.status).toBe(200);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);

    const wrong = await register(app, { ...newAccount(), invitationCode: `${code}X` });
    expectExactStrapiError(wrong, 404, 'NotFoundError');
    const both = await register(app, { ...newAccount(), invitationCode: code, invitationToken: invitation.token });
    expectExactStrapiError(both, 400, 'ValidationError');
    const usedUp = await register(app, { ...newAccount(), invitationCode: code });
    expectExactStrapiError(usedUp, 410, 'GoneError');
  });

  test('a member accepts with the code, as with the token', async () => {
    const role = await createRole(app, `code-members-${unique}`, 'Code members');
    const code = newCode('MEMBERS');
    const invitation = await createInvitation(app, { code, role: role.id, allowExistingAccounts: true });
    const member = await createMember(app);
    const res = await app
      .http()
      .post(`/api/invitations/code/${code}/accept`)
      .set('Authorization', `Bearer ${await memberToken(app, member)}`);
    expect(res.status).toBe(200);
    expect((await findUser(app, member.email)).role.id).toBe(role.id);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('a malformed or unknown code is a 404, as an unknown token is', async () => {
    for (const code of ['x', 'NO-SUCH-CODE-123', '%00%00%00%00%00%00', 'A'.repeat(70)]) {
      const res = await app.http().get(`/api/invitations/code/${code}`);
      expectExactStrapiError(res, 404, 'NotFoundError');
    }
  });

  test('an admin without "Show and copy links" learns that a link has a code, never the code', async () => {
    const code = newCode('HIDDEN');
    const invitation = await createInvitation(app, { code });
    const reader = await createAdminWithActions(app, 'code reader', ['read']);
    const res = await app.http().get(`/invitations/invitations/${invitation.id}`).set('Authorization', `Bearer ${reader}`);
    expect(res.status).toBe(200);
    expect(res.body.data.hasCode).toBe(true);
    expect(res.body.data).not.toHaveProperty('code');
    expect(JSON.stringify(res.body)).not.toContain(code);
  });
});
