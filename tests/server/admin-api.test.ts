// @database: case-insensitive search, sorting, batched deletes of thousands of rows
import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  countUsers,
  createInvitation,
  expectStrapiError,
  inDays,
  newAccount,
  redemptionsOf,
  register,
  seedRedemptions,
} from '../helpers/fixtures';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

const admin = () => ({ Authorization: `Bearer ${app.adminToken}` });
const countInvitations = () => app.strapi.db.query('plugin::invitations.invitation').count();
const post = (body: unknown) =>
  app
    .http()
    .post('/invitations/invitations')
    .set(admin())
    .send(body as object);
const valid = () => ({ name: 'Spring newsletter', maxUses: 10, expiresAt: inDays(30) });
describe('POST /invitations/invitations', () => {
  test('creates a link with a 256-bit token and returns it with its URL', async () => {
    const expiresAt = inDays(30);
    const res = await post({ name: '  Spring newsletter  ', maxUses: 10, expiresAt });
    expect(res.status).toBe(201);
    const { data } = res.body;
    expect(data).toMatchObject({
      name: 'Spring newsletter',
      maxUses: 10,
      usedCount: 0,
      remaining: 10,
      expiresAt,
      status: 'active',
      role: null,
      createdBy: { firstname: 'Ada', lastname: 'Admin', email: 'admin@example.com' },
    });
    expect(data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(data.token, 'base64url')).toHaveLength(32);
    expect(data.url).toBe(`${app.strapi.config.get('server.absoluteUrl')}/invitations/join/${data.token}`);
    expect(data).not.toHaveProperty('tokenHash');
    expect(data).not.toHaveProperty('tokenCiphertext');
  });

  test('gives each link its own token', async () => {
    const [a, b] = await Promise.all([createInvitation(app), createInvitation(app)]);
    expect(a.token).not.toBe(b.token);
  });

  test('accepts an existing users-permissions role', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const res = await post({ ...valid(), role: role.id });
    expect(res.status).toBe(201);
    expect(res.body.data.role).toEqual({ id: role.id, name: role.name });
  });

  const invalidBodies: Array<[string, unknown, RegExp]> = [
    ['a missing name', { maxUses: 1, expiresAt: inDays(1) }, /name is required/],
    ['a blank name', { ...valid(), name: '   ' }, /name is required/],
    ['a name over 255 characters', { ...valid(), name: 'x'.repeat(256) }, /name must be at most 255 characters long/],
    ['a name with control characters', { ...valid(), name: 'a\u0000b' }, /control characters/],
    ['a name that is not a string', { ...valid(), name: 42 }, /name must be a string/],
    ['a missing maxUses', { name: 'x', expiresAt: inDays(1) }, /maxUses is required/],
    ['maxUses 0', { ...valid(), maxUses: 0 }, /at least 1/],
    ['a negative maxUses', { ...valid(), maxUses: -3 }, /at least 1/],
    ['maxUses over 100000', { ...valid(), maxUses: 100001 }, /at most 100000/],
    ['a fractional maxUses', { ...valid(), maxUses: 2.5 }, /whole number/],
    ['maxUses as a string', { ...valid(), maxUses: '5' }, /maxUses must be a number/],
    ['a missing expiresAt', { name: 'x', maxUses: 1 }, /expiresAt is required/],
    ['an expiresAt in the past', { ...valid(), expiresAt: inDays(-1) }, /in the future/],
    ['an expiresAt that is no date', { ...valid(), expiresAt: 'next tuesday' }, /ISO 8601/],
    ['an expiresAt without time zone', { ...valid(), expiresAt: '2099-01-01T10:00:00' }, /ISO 8601/],
    ['an impossible calendar date', { ...valid(), expiresAt: '2030-02-31T10:00:00Z' }, /ISO 8601|in the future/],
    ['an expiresAt as a number', { ...valid(), expiresAt: Date.now() + 1e6 }, /expiresAt must be a string/],
    ['an expiresAt more than ten years ahead', { ...valid(), expiresAt: inDays(3651) }, /at most 3650 days/],
    ['an unknown role', { ...valid(), role: 99999 }, /role 99999 does not exist/],
    ['a role that is not an id', { ...valid(), role: 'admin' }, /role must be a role id/],
    ['a role id past the 32-bit range', { ...valid(), role: 3_000_000_000 }, /role must be a role id/],
    ['an unknown field', { ...valid(), usedCount: 3 }, /Unknown field: usedCount/],
    ['an array body', [valid()], /JSON object/],
  ];

  test.each(invalidBodies)('rejects %s with 400 and creates nothing', async (_label, body, message) => {
    const before = await countInvitations();
    const res = await post(body);
    expectStrapiError(res, 400, message);
    expect(res.body.error.name).toBe('ValidationError');
    expect(await countInvitations()).toBe(before);
  });

  test('rejects a __proto__ key before it reaches any object', async () => {
    const before = await countInvitations();
    const res = await app
      .http()
      .post('/invitations/invitations')
      .set(admin())
      .set('Content-Type', 'application/json')
      .send(`{"name":"x","maxUses":1,"expiresAt":"${inDays(1)}","__proto__":{"polluted":true}}`);
    expectStrapiError(res, 400, /prototype/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await countInvitations()).toBe(before);
  });

  test('refuses to give new accounts the public role', async () => {
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    const before = await countInvitations();
    expectStrapiError(await post({ ...valid(), role: role.id }), 400, /public role/);
    expect(await countInvitations()).toBe(before);
  });

  test('field errors name the field, for the admin form', async () => {
    const res = await post({ name: '', maxUses: 0, expiresAt: 'soon' });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.errors.map((e: { path: string[] }) => e.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'maxUses', 'expiresAt']));
  });

  test('rejects a body that is not JSON with a 4xx', async () => {
    const before = await countInvitations();
    const res = await app
      .http()
      .post('/invitations/invitations')
      .set(admin())
      .set('Content-Type', 'application/json')
      .send('{"name": ');
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await countInvitations()).toBe(before);
  });

  test('needs an authenticated admin', async () => {
    const res = await app.http().post('/invitations/invitations').send(valid());
    expect(res.status).toBe(401);
  });
});

describe('GET /invitations/invitations', () => {
  beforeAll(async () => {
    for (const [name, days] of [
      ['Alpha board', 3],
      ['Beta testers', 1],
      ['Gamma partners', 2],
    ] as const) {
      await createInvitation(app, { name, expiresAt: inDays(days) });
    }
  });

  const list = (query: Record<string, string | number>) => app.http().get('/invitations/invitations').set(admin()).query(query);

  test('pages through the links, newest first by default', async () => {
    const res = await list({ pageSize: 2 });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(2);
    expect(res.body.pagination).toMatchObject({ page: 1, pageSize: 2 });
    expect(res.body.pagination.total).toBeGreaterThanOrEqual(3);
    expect(res.body.pagination.pageCount).toBe(Math.ceil(res.body.pagination.total / 2));
    const [first, second] = res.body.results;
    expect(first.createdAt >= second.createdAt).toBe(true);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('searches by name, case-insensitively', async () => {
    const res = await list({ q: 'beta TEST' });
    expect(res.body.results.map((i: { name: string }) => i.name)).toEqual(['Beta testers']);
  });

  test('sorts by expiry', async () => {
    const res = await list({ q: 'a', sort: 'expiresAt:asc', pageSize: 100 });
    const dates = res.body.results.map((i: { expiresAt: string }) => i.expiresAt);
    expect(dates).toEqual([...dates].sort());
  });

  test.each([
    [{ page: 0 }, /page/],
    [{ pageSize: 1000 }, /pageSize/],
    [{ pageSize: 'ten' }, /pageSize must be a number/],
    [{ sort: 'tokenHash:asc' }, /sort must be one of/],
    [{ q: 'x'.repeat(300) }, /q must be at most/],
    [{ filters: 'x' }, /Unknown query parameter: filters/],
  ])('rejects the query %j with 400', async (query, message) => {
    expectStrapiError(await list(query), 400, message);
  });
});

describe('GET /invitations/invitations/:id', () => {
  test('shows the link and the accounts created from it', async () => {
    const invitation = await createInvitation(app, { maxUses: 3 });
    const account = newAccount();
    expect((await register(app, { ...account, invitationToken: invitation.token })).status).toBe(200);

    const res = await app.http().get(`/invitations/invitations/${invitation.id}`).set(admin());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: invitation.id,
      token: invitation.token,
      usedCount: 1,
      remaining: 2,
      redemptionCount: 1,
    });
    expect(res.body.data.redemptions).toEqual([
      {
        user: { id: expect.any(Number), username: account.username, email: account.email },
        redeemedAt: expect.any(String),
        kind: 'registered',
        previousRole: null,
      },
    ]);
  });

  test('404 for an unknown id, 400 for an id that is not one', async () => {
    expectStrapiError(await app.http().get('/invitations/invitations/987654').set(admin()), 404, /not found/);
    expectStrapiError(await app.http().get('/invitations/invitations/abc').set(admin()), 400, /positive whole number/);
    expectStrapiError(await app.http().get('/invitations/invitations/-1').set(admin()), 400, /positive whole number/);
    expectStrapiError(await app.http().get('/invitations/invitations/9999999999').set(admin()), 400, /positive whole number/);
  });
});

describe('PUT /invitations/invitations/:id', () => {
  const put = (id: number, body: unknown) =>
    app
      .http()
      .put(`/invitations/invitations/${id}`)
      .set(admin())
      .send(body as object);

  test('renames, extends and changes the limit', async () => {
    const invitation = await createInvitation(app, { maxUses: 2 });
    const expiresAt = inDays(60);
    const res = await put(invitation.id, { name: 'Renamed', maxUses: 4, expiresAt });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: 'Renamed', maxUses: 4, remaining: 4, expiresAt, token: invitation.token });
  });

  test('never lowers the limit below the uses already made', async () => {
    const invitation = await createInvitation(app, { maxUses: 3 });
    await register(app, { ...newAccount(), invitationToken: invitation.token });
    await register(app, { ...newAccount(), invitationToken: invitation.token });
    const res = await put(invitation.id, { maxUses: 1 });
    expectStrapiError(res, 400, /cannot be lower than the 2 uses/);
    expect(res.body.error.details.errors[0].path).toEqual(['maxUses']);
    const after = await app.http().get(`/invitations/invitations/${invitation.id}`).set(admin());
    expect(after.body.data.maxUses).toBe(3);
    expect((await put(invitation.id, { maxUses: 2 })).body.data.status).toBe('exhausted');
  });

  test('rejects bad input and unknown ids', async () => {
    const invitation = await createInvitation(app);
    expectStrapiError(await put(invitation.id, {}), 400, /at least one field/);
    expectStrapiError(await put(invitation.id, { token: 'x' }), 400, /Unknown field: token/);
    expectStrapiError(await put(invitation.id, { expiresAt: inDays(-2) }), 400, /in the future/);
    expectStrapiError(await put(123456, { name: 'x' }), 404);
  });
});

describe('DELETE /invitations/invitations/:id', () => {
  test('kills the link at once and keeps the accounts made from it', async () => {
    const invitation = await createInvitation(app, { maxUses: 5 });
    const account = newAccount();
    await register(app, { ...account, invitationToken: invitation.token });
    const usersBefore = await countUsers(app);

    const res = await app.http().delete(`/invitations/invitations/${invitation.id}`).set(admin());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { id: invitation.id } });

    expect(await countUsers(app)).toBe(usersBefore);
    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: account.email } });
    expect(user).toBeTruthy();
    expect((await app.http().get(`/api/invitations/${invitation.token}`)).status).toBe(404);
    expectStrapiError(await register(app, { ...newAccount(), invitationToken: invitation.token }), 404);
    expect(await countUsers(app)).toBe(usersBefore);
    expect((await app.http().get(`/invitations/invitations/${invitation.id}`).set(admin())).status).toBe(404);
  });

  test('deletes a link with thousands of redemption records, in batches, and keeps the account', async () => {
    const invitation = await createInvitation(app, { maxUses: 5 });
    const account = newAccount();
    await register(app, { ...account, invitationToken: invitation.token });
    await seedRedemptions(
      app,
      invitation.id,
      Array.from({ length: 2_400 }, () => ({}))
    );
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(2_401);

    const res = await app.http().delete(`/invitations/invitations/${invitation.id}`).set(admin());
    expect(res.status).toBe(200);
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(0);
    expect(await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: account.email } })).toBeTruthy();
  });

  test('404 for an unknown id', async () => {
    expectStrapiError(await app.http().delete('/invitations/invitations/424242').set(admin()), 404);
  });
});

describe('GET /invitations/roles', () => {
  test('lists the roles an invitation can give, default marked, public left out', async () => {
    const res = await app.http().get('/invitations/roles').set(admin());
    expect(res.status).toBe(200);
    const types = res.body.data.map((role: { type: string }) => role.type);
    expect(types).toContain('authenticated');
    expect(types).not.toContain('public');
    expect(res.body.data.find((role: { type: string }) => role.type === 'authenticated').isDefault).toBe(true);
  });
});
