import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, sendPersonalLinks } from '../helpers/fixtures';
import { createApiToken, graphqlRequest, signedUpUserJwt } from '../helpers/content-api';
import { PLUGIN_TABLES_QUERY, pluginNamesInSchema } from '../helpers/graphql-schema';

/**
 * With @strapi/plugin-graphql on, the plugin's content types (links, invitees' addresses, accounts
 * made from links, mail log, access requests) get no generated query, mutation or type: no bearer
 * reads them.
 */
let app: TestApp;
const READ_ONLY = 'a read-only API token';
const FULL_ACCESS = 'a full-access API token';
const END_USER = "an end user's JWT";
const BEARERS = [READ_ONLY, FULL_ACCESS, END_USER];
const bearers: Record<string, string> = {};
useTestApp(
  (started) => {
    app = started;
  },
  { ENABLE_GRAPHQL: 'true' }
);

beforeAll(async () => {
  const invitation = await createInvitation(app, { name: 'Board members', welcomeMessage: 'Welcome aboard' });
  await sendPersonalLinks(app, invitation.id, ['pending-invitee@example.com']);
  const asked = await app.http().post('/api/invitations/requests').send({ email: 'asker@example.com', message: 'Let me in' });
  expect(asked.status).toBe(202);
  bearers[READ_ONLY] = await createApiToken(app, 'read-only');
  bearers[FULL_ACCESS] = await createApiToken(app, 'full-access');
  bearers[END_USER] = await signedUpUserJwt(app);
});

test.each(BEARERS)("%s gets none of the plugin's tables: the queries are not in the schema", async (bearer) => {
  const res = await graphqlRequest(app, PLUGIN_TABLES_QUERY, bearers[bearer]);
  expect(res.body.data).toBeUndefined();
  const messages = res.body.errors.map((error: { message: string }) => error.message);
  const fields = [
    'invitationsRecipients',
    'invitationsRedemptions',
    'invitationsDeliveries',
    'invitationsInvitations',
    'invitationsAccessRequests',
  ];
  for (const field of fields) {
    expect(messages).toContain(`Cannot query field "${field}" on type "Query".`);
  }
  expect(JSON.stringify(res.body)).not.toContain('pending-invitee@example.com');
  expect(JSON.stringify(res.body)).not.toContain('asker@example.com');
});

test('a full-access API token cannot create a link through a generated mutation', async () => {
  const res = await graphqlRequest(
    app,
    'mutation { createInvitationsInvitation(data: { name: "Made over GraphQL" }) { documentId } }',
    bearers[FULL_ACCESS]
  );
  expect(res.body.errors[0].message).toMatch(/Cannot query field "createInvitationsInvitation" on type "Mutation"/);
  expect(await app.strapi.db.query('plugin::invitations.invitation').count({ where: { name: 'Made over GraphQL' } })).toBe(0);
});

test('introspection shows no type, query or mutation of the plugin; register keeps its invitationToken', async () => {
  expect(await pluginNamesInSchema(app, bearers[FULL_ACCESS])).toEqual([]);
  const res = await graphqlRequest(app, '{ __type(name: "UsersPermissionsRegisterInput") { inputFields { name } } }');
  expect(res.body.data.__type.inputFields.map((field: { name: string }) => field.name)).toContain('invitationToken');
});

test.each([
  'invitations-invitations',
  'invitations-recipients',
  'invitations-redemptions',
  'invitations-deliveries',
  'invitations-access-requests',
])('the REST content API has no generated route for the plugin type /api/%s, even for a full-access token', async (path) => {
  const res = await app.http().get(`/api/${path}`).set('Authorization', `Bearer ${bearers[FULL_ACCESS]}`);
  expect([403, 404]).toContain(res.status);
  expect(res.body.data ?? null).toBeNull();
});
