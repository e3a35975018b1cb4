// @engine-neutral
import type { Test } from 'supertest';
import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  countUsers,
  createInvitation,
  expectStrapiError,
  newAccount,
  redemptionsOf,
  register,
  seatsUsedOf,
} from '../helpers/fixtures';

/** A link may be limited to some email domains: other addresses are refused and take no seat. */
let app: TestApp;
useTestApp((started) => {
  app = started;
});

const INVITATION_UID = 'plugin::invitations.invitation';
const admin = (call: Test) => call.set('Authorization', `Bearer ${app.adminToken}`);
const update = (id: number, body: unknown) => admin(app.http().put(`/invitations/invitations/${id}`)).send(body as object);
const create = (body: Record<string, unknown>) =>
  admin(app.http().post('/invitations/invitations')).send({
    name: 'Domains',
    maxUses: 5,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    ...body,
  });
const invitationRows = () => app.strapi.db.query(INVITATION_UID).findMany({ orderBy: { id: 'asc' } });
const findUser = (email: string) => app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } });

/** A new account at this domain (its username stays unique). */
const accountAt = (domain: string) => {
  const account = newAccount();
  return { ...account, email: `${account.username}@${domain}` };
};

const registerAt = (token: string, domain: string) => register(app, { ...accountAt(domain), invitationToken: token });

describe('a link limited to some domains', () => {
  test('takes an address at one of them: the account is made and one seat taken', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['example.com'] });
    const res = await registerAt(invitation.token, 'example.com');
    expect(res.status).toBe(200);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(1);
  });

  test('refuses any other address with 403 "email-domain" naming the domains; no seat, no account', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['example.com', '*.example.org'] });
    const users = await countUsers(app);
    const outsider = accountAt('example.net');
    const res = await register(app, { ...outsider, invitationToken: invitation.token });
    expectStrapiError(res, 403);
    expect(res.body.error).toEqual({
      status: 403,
      name: 'ForbiddenError',
      message: 'This invitation is only for email addresses at example.com, *.example.org',
      details: { reason: 'email-domain', allowedEmailDomains: ['example.com', '*.example.org'] },
    });
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(0);
    expect(await countUsers(app)).toBe(users);
    expect(await findUser(outsider.email)).toBeNull();
  });

  test.each([
    ['no email', {}, 'email is a required field'],
    ['an empty one', { email: '  ' }, 'email is a required field'],
    ['one that is not a string', { email: 42 }, 'email must be a valid email'],
    ['one that is not an address', { email: 'ada@example' }, 'email must be a valid email'],
  ])(
    "answers %s with users-permissions' 400 about the email field, not a domain refusal; no seat",
    async (_case, email, message) => {
      const invitation = await createInvitation(app, { allowedEmailDomains: ['example.com'] });
      const { username, password } = newAccount();
      const res = await register(app, { username, password, ...email, invitationToken: invitation.token });
      expectStrapiError(res, 400);
      expect(res.body.error).toMatchObject({
        name: 'ValidationError',
        message,
        details: { errors: [{ path: ['email'], message }] },
      });
      expect(await seatsUsedOf(app, invitation.id)).toBe(0);
    }
  );

  test('compares without case, both the entries and the addresses', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['Example.COM'] });
    expect(invitation.allowedEmailDomains).toEqual(['example.com']);
    expect((await registerAt(invitation.token, 'EXAMPLE.com')).status).toBe(200);
    expectStrapiError(await registerAt(invitation.token, 'EXAMPLE.net'), 403);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('*.example.com takes a.example.com and b.a.example.com, but not example.com nor badexample.com', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['*.example.com'] });
    expect((await registerAt(invitation.token, 'a.example.com')).status).toBe(200);
    expect((await registerAt(invitation.token, 'b.a.example.com')).status).toBe(200);
    for (const domain of ['example.com', 'badexample.com', 'a.example.com.evil.net']) {
      const res = await registerAt(invitation.token, domain);
      expectStrapiError(res, 403);
      expect(res.body.error.details.reason).toBe('email-domain');
    }
    expect(await seatsUsedOf(app, invitation.id)).toBe(2);
  });

  test('a used-up or expired link says so first, whatever the address', async () => {
    const invitation = await createInvitation(app, { maxUses: 1, allowedEmailDomains: ['example.com'] });
    expect((await registerAt(invitation.token, 'example.com')).status).toBe(200);
    expectStrapiError(await registerAt(invitation.token, 'example.net'), 410, /used up/);
  });

  test('an edit of the list takes effect at once', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['example.org'] });
    expectStrapiError(await registerAt(invitation.token, 'example.com'), 403);

    const edited = await update(invitation.id, { allowedEmailDomains: ['example.com'] });
    expect(edited.status).toBe(200);
    expect(edited.body.data.allowedEmailDomains).toEqual(['example.com']);
    expect((await registerAt(invitation.token, 'example.com')).status).toBe(200);
    expectStrapiError(await registerAt(invitation.token, 'example.org'), 403);

    expect((await update(invitation.id, { allowedEmailDomains: null })).body.data.allowedEmailDomains).toEqual([]);
    expect((await registerAt(invitation.token, 'example.org')).status).toBe(200);
    expect(await seatsUsedOf(app, invitation.id)).toBe(2);
  });

  test('the public status tells a front end which domains will do', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['example.com', '*.example.org'] });
    const res = await app.http().get(`/api/invitations/${invitation.token}`);
    expect(res.status).toBe(200);
    expect(res.body.data.allowedEmailDomains).toEqual(['example.com', '*.example.org']);
  });
});

describe('a link with no domains', () => {
  test.each([
    ['absent', {}],
    ['null', { allowedEmailDomains: null }],
    ['empty', { allowedEmailDomains: [] }],
  ])('%s: takes any address', async (_label, fields) => {
    const invitation = await createInvitation(app, fields);
    expect(invitation.allowedEmailDomains).toEqual([]);
    expect((await registerAt(invitation.token, 'anywhere.example')).status).toBe(200);
    const status = await app.http().get(`/api/invitations/${invitation.token}`);
    expect(status.body.data.allowedEmailDomains).toEqual([]);
  });
});

describe('the list an admin saves', () => {
  test('is trimmed, lower-cased and each entry kept once, in its order', async () => {
    const invitation = await createInvitation(app, {
      allowedEmailDomains: [' Example.com ', '*.example.org', 'example.COM', 'b.example', '*.EXAMPLE.org'],
    });
    expect(invitation.allowedEmailDomains).toEqual(['example.com', '*.example.org', 'b.example']);
    const detail = await admin(app.http().get(`/invitations/invitations/${invitation.id}`));
    expect(detail.body.data.allowedEmailDomains).toEqual(['example.com', '*.example.org', 'b.example']);
  });

  test('takes 50 entries', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `d${i}.example`);
    expect((await create({ allowedEmailDomains: fifty })).status).toBe(201);
  });

  const BAD_ENTRIES: Array<[string, unknown, RegExp]> = [
    ['a number', 42, /allowedEmailDomains\[1\] must be a domain name, as a string/],
    ['null', null, /allowedEmailDomains\[1\] must be a domain name, as a string/],
    ['an object', { domain: 'example.com' }, /allowedEmailDomains\[1\] must be a domain name/],
    ['a space inside', 'exa mple.com', /"exa mple\.com" is not a domain name/],
    ['a wildcard alone', '*.', /"\*\." is not a domain name/],
    ['two wildcards', '*.*.x.com', /"\*\.\*\.x\.com" is not a domain name/],
    ['a URL', 'http://x.com', /"http:\/\/x\.com" is not a domain name/],
    ['an address', 'a@b.com', /"a@b\.com" is not a domain name/],
    ['a label of 64 characters', `${'a'.repeat(64)}.com`, /is not a domain name/],
    ['10,000 characters', `${'a'.repeat(10_000)}.com`, /"a{80}…" is not a domain name/],
    ['empty', '', /"" is not a domain name/],
  ];

  test.each(BAD_ENTRIES)(
    'an entry that is %s: 400 naming it at its index, on create and on edit, nothing saved',
    async (_label, entry, message) => {
      const invitation = await createInvitation(app, { allowedEmailDomains: ['example.com'] });
      const before = JSON.stringify(await invitationRows());
      const body = { allowedEmailDomains: ['example.com', entry] };
      for (const res of [await create(body), await update(invitation.id, body)]) {
        expectStrapiError(res, 400, message);
        expect(res.body.error.details.errors).toEqual([
          expect.objectContaining({ path: ['allowedEmailDomains', '1'], message: expect.stringMatching(message) }),
        ]);
      }
      expect(JSON.stringify(await invitationRows())).toBe(before);
    }
  );

  test.each([
    ['51 entries', Array.from({ length: 51 }, (_, i) => `d${i}.example`), /at most 50 domains/],
    ['a string', 'example.com', /must be a list of domain names/],
    ['an object', { 0: 'example.com' }, /must be a list of domain names/],
  ])('a list that is %s: 400, nothing saved', async (_label, allowedEmailDomains, message) => {
    const invitation = await createInvitation(app);
    const before = JSON.stringify(await invitationRows());
    for (const res of [await create({ allowedEmailDomains }), await update(invitation.id, { allowedEmailDomains })]) {
      expectStrapiError(res, 400, message);
      expect(res.body.error.details.errors[0].path).toEqual(['allowedEmailDomains']);
    }
    expect(JSON.stringify(await invitationRows())).toBe(before);
  });

  test('several bad entries are each named at their index', async () => {
    const res = await create({ allowedEmailDomains: ['exa mple.com', 'example.com', 'a@b.com'] });
    expectStrapiError(res, 400);
    expect(res.body.error.details.errors.map((error: { path: string[] }) => error.path)).toEqual([
      ['allowedEmailDomains', '0'],
      ['allowedEmailDomains', '2'],
    ]);
  });
});
