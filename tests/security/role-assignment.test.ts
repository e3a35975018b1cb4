import config from '../../server/src/config';
import { createAdminWithRole, useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, createRole, expectExactStrapiError, inDays, type JsonBody } from '../helpers/fixtures';
import { actionId, type ActionName } from '../../shared';

/*
 * Finding 2 of the hostile review: an admin who may only create invitations made links giving any
 * role. A link's role is now the Content Manager's to give: its create (edit: update) permission on
 * users, `role` field included; the site may narrow it further with `assignableRoles`.
 */

const USER = 'plugin::users-permissions.user';
const CM_CREATE = 'plugin::content-manager.explorer.create';
const CM_UPDATE = 'plugin::content-manager.explorer.update';
const USER_FIELDS = ['username', 'email', 'password'];
const PASSWORD = 'Roles-password-1';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

let moderatorId: number;
beforeAll(async () => {
  moderatorId = (await createRole(app, 'moderator', 'Moderator')).id;
});

interface ContentManagerGrant {
  action: string;
  fields: string[];
}

let adminCount = 0;
/** A new admin whose role holds these actions of the plugin and these Content Manager permissions on users. */
const adminWith = async (pluginActions: ActionName[], contentManager: ContentManagerGrant[] = []) => {
  adminCount += 1;
  const role = await app.strapi.service('admin::role').create({ name: `Roles ${adminCount}`, description: 'Made by a test' });
  await app.strapi
    .service('admin::role')
    .addPermissions(role.id, [
      ...pluginActions.map((action) => ({ action: actionId(action), subject: null })),
      ...contentManager.map(({ action, fields }) => ({ action, subject: USER, properties: { fields }, conditions: [] })),
    ]);
  const token = await createAdminWithRole(app, role.code, {
    email: `roles-${adminCount}@example.com`,
    firstname: 'Roles',
    lastname: String(adminCount),
    password: PASSWORD,
  });
  return { Authorization: `Bearer ${token}` };
};

const superAdmin = () => ({ Authorization: `Bearer ${app.adminToken}` });

const createLink = (auth: Record<string, string>, role: number | null) =>
  app
    .http()
    .post('/invitations/invitations')
    .set(auth)
    .send({ name: 'Moderators', maxUses: 3, expiresAt: inDays(5), role });

const editLink = (auth: Record<string, string>, id: number, changes: object) =>
  app.http().put(`/invitations/invitations/${id}`).set(auth).send(changes);

const roleTypesListed = async (auth: Record<string, string>, grant?: 'create' | 'update') => {
  const res = await app
    .http()
    .get('/invitations/roles')
    .query(grant ? { for: grant } : {})
    .set(auth);
  expect(res.status).toBe(200);
  return res.body.data.map((role: { type: string }) => role.type).sort();
};

const linkCount = () => app.strapi.db.query('plugin::invitations.invitation').count();

/** A 403 that names the Content Manager permission and field the admin lacks. */
const expectMissingPermission = (res: { status: number; body: JsonBody }, action: string) => {
  expectExactStrapiError(res, 403, 'ForbiddenError');
  expect(res.body.error.details).toMatchObject({
    reason: 'content-manager-permission',
    missing: { action, subject: USER, field: 'role' },
    role: { id: moderatorId, name: 'Moderator' },
  });
};

describe('creating a link that gives a role', () => {
  test("with only the plugin's create: 403 naming the Content Manager permission, no link made", async () => {
    const auth = await adminWith(['create', 'read']);
    const before = await linkCount();
    expectMissingPermission(await createLink(auth, moderatorId), CM_CREATE);
    expect(await linkCount()).toBe(before);
  });

  test("with only the plugin's create: a link with the default role (role null) is made", async () => {
    const auth = await adminWith(['create', 'read']);
    const res = await createLink(auth, null);
    expect(res.status).toBe(201);
    expect(res.body.data.role).toBeNull();
  });

  test("with the Content Manager's create on users including the role field: 201", async () => {
    const auth = await adminWith(['create'], [{ action: CM_CREATE, fields: [...USER_FIELDS, 'role'] }]);
    const res = await createLink(auth, moderatorId);
    expect(res.status).toBe(201);
    expect(res.body.data.role).toMatchObject({ id: moderatorId });
  });

  test("with the Content Manager's create on users but not its role field: 403", async () => {
    const auth = await adminWith(['create'], [{ action: CM_CREATE, fields: USER_FIELDS }]);
    expectMissingPermission(await createLink(auth, moderatorId), CM_CREATE);
  });

  test("the Content Manager's update does not stand in for its create", async () => {
    const auth = await adminWith(['create'], [{ action: CM_UPDATE, fields: [...USER_FIELDS, 'role'] }]);
    expectMissingPermission(await createLink(auth, moderatorId), CM_CREATE);
  });
});

describe('editing a link', () => {
  test("giving it a role needs the Content Manager's update, not its create", async () => {
    const link = await createInvitation(app);
    const withCreate = await adminWith(['update'], [{ action: CM_CREATE, fields: [...USER_FIELDS, 'role'] }]);
    expectMissingPermission(await editLink(withCreate, link.id, { role: moderatorId }), CM_UPDATE);
    const withUpdate = await adminWith(['update'], [{ action: CM_UPDATE, fields: [...USER_FIELDS, 'role'] }]);
    const res = await editLink(withUpdate, link.id, { role: moderatorId });
    expect(res.status).toBe(200);
    expect(res.body.data.role).toMatchObject({ id: moderatorId });
  });

  test('a link with a custom role may be renamed, or given the default role, by any admin who may edit links', async () => {
    const link = await createInvitation(app, { role: moderatorId });
    const auth = await adminWith(['update']);
    expect((await editLink(auth, link.id, { name: 'Renamed', role: moderatorId, maxUses: 2 })).status).toBe(200);
    const res = await editLink(auth, link.id, { role: null });
    expect(res.status).toBe(200);
    expect(res.body.data.role).toBeNull();
  });

  test('more seats or a later expiry on a link with a custom role needs the right to give it', async () => {
    const link = await createInvitation(app, { role: moderatorId, maxUses: 3, expiresAt: inDays(5) });
    const auth = await adminWith(['update']);
    expectMissingPermission(await editLink(auth, link.id, { maxUses: 4 }), CM_UPDATE);
    expectMissingPermission(await editLink(auth, link.id, { expiresAt: inDays(6) }), CM_UPDATE);
    const unchanged = (await app.http().get(`/invitations/invitations/${link.id}`).set(superAdmin())).body.data;
    expect(unchanged).toMatchObject({ maxUses: 3, expiresAt: link.expiresAt });
  });
});

describe('renewing a link (POST /invitations/invitations/:id/renew)', () => {
  const renew = (auth: Record<string, string>, id: number, body: object) =>
    app.http().post(`/invitations/invitations/${id}/renew`).set(auth).send(body);

  test('a later date on a link with a custom role needs the right to give it, as the same edit does', async () => {
    const link = await createInvitation(app, { role: moderatorId, maxUses: 3, expiresAt: inDays(5) });
    const withoutRole = await adminWith(['update', 'send']);
    expectMissingPermission(await renew(withoutRole, link.id, { expiresAt: inDays(30), resend: false }), CM_UPDATE);
    const unchanged = (await app.http().get(`/invitations/invitations/${link.id}`).set(superAdmin())).body.data;
    expect(unchanged.expiresAt).toBe(link.expiresAt);
    const withRole = await adminWith(['update', 'send'], [{ action: CM_UPDATE, fields: [...USER_FIELDS, 'role'] }]);
    const res = await renew(withRole, link.id, { expiresAt: inDays(30), resend: false });
    expect(res.status).toBe(200);
    expect(Date.parse(res.body.data.invitation.expiresAt)).toBeGreaterThan(Date.parse(link.expiresAt));
  });

  test('a link with the default role is renewed by any admin who may edit and send', async () => {
    const link = await createInvitation(app, { expiresAt: inDays(5) });
    const res = await renew(await adminWith(['update', 'send']), link.id, { expiresAt: inDays(30), resend: false });
    expect(res.status).toBe(200);
  });
});

describe("the dialog's role picker (GET /invitations/roles)", () => {
  test('lists only the default role to an admin who may give no role', async () => {
    const auth = await adminWith(['read', 'create']);
    expect(await roleTypesListed(auth)).toEqual(['authenticated']);
  });

  test('lists the roles the admin may give, for making links by default and for editing with for=update', async () => {
    const auth = await adminWith(['read'], [{ action: CM_CREATE, fields: [...USER_FIELDS, 'role'] }]);
    expect(await roleTypesListed(auth)).toEqual(['authenticated', 'moderator']);
    expect(await roleTypesListed(auth, 'update')).toEqual(['authenticated']);
  });

  test('refuses an unknown use with a 400', async () => {
    const res = await app.http().get('/invitations/roles').query({ for: 'delete' }).set(superAdmin());
    expectExactStrapiError(res, 400, 'ValidationError');
  });
});

describe('the assignableRoles option', () => {
  const CONFIG_KEY = 'plugin::invitations.assignableRoles';
  beforeAll(() => {
    app.strapi.config.set(CONFIG_KEY, ['authenticated']);
  });
  afterAll(() => {
    app.strapi.config.set(CONFIG_KEY, null);
  });

  test('narrows what a super admin may give: 403 naming the option; the default role still given', async () => {
    const res = await createLink(superAdmin(), moderatorId);
    expectExactStrapiError(res, 403, 'ForbiddenError');
    expect(res.body.error.message).toMatch(/assignableRoles/);
    expect(res.body.error.details).toMatchObject({ reason: 'assignable-roles', assignableRoles: ['authenticated'] });
    expect((await createLink(superAdmin(), null)).status).toBe(201);
  });

  test("narrows the dialog's role picker", async () => {
    expect(await roleTypesListed(superAdmin())).toEqual(['authenticated']);
  });

  test('is validated when the plugin loads', () => {
    const validator = config.validator as (settings: unknown) => void;
    const valid = { ...config.default, assignableRoles: ['authenticated', 'moderator'] };
    expect(() => validator(valid)).not.toThrow();
    expect(() => validator({ ...valid, assignableRoles: null })).not.toThrow();
    for (const assignableRoles of ['authenticated', [''], [3], ['public'], {}]) {
      expect(() => validator({ ...valid, assignableRoles })).toThrow(/assignableRoles/);
    }
  });
});

describe('a link that existing accounts may accept (allowExistingAccounts)', () => {
  const createOpenLink = (auth: Record<string, string>) =>
    app
      .http()
      .post('/invitations/invitations')
      .set(auth)
      .send({ name: 'Moderators', maxUses: 3, expiresAt: inDays(5), role: moderatorId, allowExistingAccounts: true });

  test("making one changes members' roles as an edit of their accounts would: it needs the Content Manager's update too", async () => {
    const withCreate = await adminWith(['create'], [{ action: CM_CREATE, fields: [...USER_FIELDS, 'role'] }]);
    const before = await linkCount();
    expectMissingPermission(await createOpenLink(withCreate), CM_UPDATE);
    expect(await linkCount()).toBe(before);
    const withBoth = await adminWith(
      ['create'],
      [
        { action: CM_CREATE, fields: [...USER_FIELDS, 'role'] },
        { action: CM_UPDATE, fields: [...USER_FIELDS, 'role'] },
      ]
    );
    const res = await createOpenLink(withBoth);
    expect(res.status).toBe(201);
    expect(res.body.data.allowExistingAccounts).toBe(true);
  });

  test('opening a link to existing accounts needs the right to give its role; closing it does not', async () => {
    const link = await createInvitation(app, { role: moderatorId });
    const auth = await adminWith(['update']);
    expectMissingPermission(await editLink(auth, link.id, { allowExistingAccounts: true }), CM_UPDATE);
    expect(
      (await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: link.id } })).allowExistingAccounts
    ).toBe(false);
    const opened = await editLink(superAdmin(), link.id, { allowExistingAccounts: true });
    expect(opened.body.data.allowExistingAccounts).toBe(true);
    const closed = await editLink(auth, link.id, { allowExistingAccounts: false });
    expect(closed.status).toBe(200);
    expect(closed.body.data.allowExistingAccounts).toBe(false);
  });
});
