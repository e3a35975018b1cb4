// @database: an all-or-nothing delete, and a sign-up racing it
import { createAdminWithRole, useTestApp, type TestApp } from '../helpers/strapi';
import { countUsers, createInvitation, expectStrapiError, newAccount, register } from '../helpers/fixtures';
import { actionId } from '../../shared';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

const admin = () => ({ Authorization: `Bearer ${app.adminToken}` });
const bulkDelete = (body: unknown, authorization = `Bearer ${app.adminToken}`) =>
  app
    .http()
    .post('/invitations/invitations/bulk-delete')
    .set('Authorization', authorization)
    .send(body as object);
const exists = async (id: number) => (await app.http().get(`/invitations/invitations/${id}`).set(admin())).status === 200;
const countInvitations = () => app.strapi.db.query('plugin::invitations.invitation').count();

describe('POST /invitations/invitations/bulk-delete', () => {
  test('deletes the links and their records, keeps the accounts', async () => {
    const links = [await createInvitation(app), await createInvitation(app), await createInvitation(app)];
    await register(app, { ...newAccount(), invitationToken: links[0].token });
    const users = await countUsers(app);
    const res = await bulkDelete({ ids: [links[2].id, links[0].id] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { deleted: [links[2].id, links[0].id] } });
    expect([await exists(links[0].id), await exists(links[1].id), await exists(links[2].id)]).toEqual([false, true, false]);
    expect(await countUsers(app)).toBe(users);
    const orphans = await app.strapi.db
      .query('plugin::invitations.redemption')
      .findMany({ where: { invitation: { id: links[0].id } } });
    expect(orphans).toEqual([]);
    expect((await app.http().get(`/api/invitations/${links[0].token}`)).status).toBe(404);
  });

  test('all or nothing: an unknown id deletes nothing and is named', async () => {
    const links = [await createInvitation(app), await createInvitation(app)];
    const before = await countInvitations();
    const res = await bulkDelete({ ids: [links[0].id, 987654, links[1].id, 987655] });
    expectStrapiError(res, 404, /2 invitations not found: 987654, 987655/);
    expect(res.body.error.details).toEqual({ unknown: [987654, 987655] });
    expect(await countInvitations()).toBe(before);
    expect([await exists(links[0].id), await exists(links[1].id)]).toEqual([true, true]);
  });

  test('takes 100 ids at once', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 100; i += 1) ids.push((await createInvitation(app)).id);
    const res = await bulkDelete({ ids });
    expect(res.status).toBe(200);
    expect(res.body.data.deleted).toHaveLength(100);
    expect(await app.strapi.db.query('plugin::invitations.invitation').count({ where: { id: { $in: ids } } })).toBe(0);
  });

  test.each([
    ['no ids', {}, /ids is required/],
    ['an empty list', { ids: [] }, /at least one/],
    ['101 ids', { ids: Array.from({ length: 101 }, (_, i) => i + 1) }, /at most 100/],
    ['an id twice', { ids: [1, 1] }, /twice/],
    ['a string id', { ids: ['1'] }, /must be an invitation id/],
    ['a float', { ids: [1.5] }, /must be an invitation id/],
    ['zero', { ids: [0] }, /must be an invitation id/],
    ['a negative id', { ids: [-3] }, /must be an invitation id/],
    ['an id past 32 bits', { ids: [2 ** 31] }, /must be an invitation id/],
    ['null in the list', { ids: [null] }, /must be an invitation id/],
    ['ids not a list', { ids: 5 }, /list of invitation ids/],
    ['an unknown field', { ids: [1], force: true }, /Unknown field: force/],
  ])('%s: 400, nothing deleted', async (_label, body, message) => {
    const link = await createInvitation(app);
    const before = await countInvitations();
    expectStrapiError(await bulkDelete(body), 400, message);
    expect(await countInvitations()).toBe(before);
    expect(await exists(link.id)).toBe(true);
  });

  test('needs the delete permission', async () => {
    const role = await app.strapi.service('admin::role').create({ name: 'Bulk readers', description: 'read only' });
    await app.strapi.service('admin::role').addPermissions(role.id, [{ action: actionId('read'), subject: null }]);
    const token = await createAdminWithRole(app, role.code, {
      email: 'bulk-reader@example.com',
      firstname: 'Bulk',
      lastname: 'Reader',
      password: 'Bulk-reader-password-1',
    });
    const link = await createInvitation(app);
    expectStrapiError(await bulkDelete({ ids: [link.id] }, `Bearer ${token}`), 403);
    expect(await exists(link.id)).toBe(true);
  });

  test('a racing sign-up either lands before the delete or is refused', async () => {
    const link = await createInvitation(app, { maxUses: 50 });
    const users = await countUsers(app);
    const signUps = Array.from({ length: 5 }, () => register(app, { ...newAccount(), invitationToken: link.token }));
    const [deleted, ...answers] = await Promise.all([bulkDelete({ ids: [link.id] }), ...signUps]);
    expect(deleted.status).toBe(200);
    const made = answers.filter((res) => res.status === 200).length;
    for (const res of answers) expect([200, 404]).toContain(res.status);
    expect(await countUsers(app)).toBe(users + made);
    expect(await app.strapi.db.query('plugin::invitations.redemption').count({ where: { invitation: { id: link.id } } })).toBe(0);
  });
});
