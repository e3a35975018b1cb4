import { createAdminWithRole, startTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, inDays } from '../helpers/fixtures';
import { ACTION_DEFINITIONS, actionId } from '../../permissions';

let app: TestApp;
let editorToken: string;

beforeAll(async () => {
  app = await startTestApp();
  editorToken = await createAdminWithRole(app, 'strapi-editor', {
    email: 'editor@example.com',
    firstname: 'Ed',
    lastname: 'Itor',
    password: 'Editor-password-1',
  });
});
afterAll(async () => {
  await app?.stop();
});

test('registers every action of the shared permissions module with the admin', () => {
  const provider = app.strapi.service('admin::permission').actionProvider;
  for (const { uid } of ACTION_DEFINITIONS) {
    expect(provider.get(`plugin::invitations.${uid}`)).toMatchObject({ pluginName: 'invitations', section: 'plugins' });
  }
});

test('an admin without the permissions is refused every route; anonymous callers get 401', async () => {
  const invitation = await createInvitation(app);
  const calls = [
    (h: any) => h.get('/invitations/invitations'),
    (h: any) => h.get('/invitations/roles'),
    (h: any) => h.get(`/invitations/invitations/${invitation.id}`),
    (h: any) => h.post('/invitations/invitations').send({ name: 'x', maxUses: 1, expiresAt: inDays(1) }),
    (h: any) => h.put(`/invitations/invitations/${invitation.id}`).send({ name: 'y' }),
    (h: any) => h.delete(`/invitations/invitations/${invitation.id}`),
  ];
  for (const call of calls) {
    expect((await call(app.http()).set('Authorization', `Bearer ${editorToken}`)).status).toBe(403);
    expect((await call(app.http())).status).toBe(401);
  }
  const stillThere = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(stillThere.name).toBe(invitation.name);
});

test('granting the read action opens the list, and only the list', async () => {
  const editorRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  await app.strapi.service('admin::role').addPermissions(editorRole.id, [{ action: actionId('read'), subject: null }]);
  expect((await app.http().get('/invitations/invitations').set('Authorization', `Bearer ${editorToken}`)).status).toBe(200);
  const create = await app
    .http()
    .post('/invitations/invitations')
    .set('Authorization', `Bearer ${editorToken}`)
    .send({ name: 'x', maxUses: 1, expiresAt: inDays(1) });
  expect(create.status).toBe(403);
});
