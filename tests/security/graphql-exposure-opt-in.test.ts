import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation } from '../helpers/fixtures';
import { createApiToken, graphqlRequest } from '../helpers/content-api';
import { pluginNamesInSchema } from '../helpers/graphql-schema';

/** A site that sets `exposeInGraphql: true` gets the generated API of the plugin's types back. */
let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { ENABLE_GRAPHQL: 'true', INVITATIONS_EXPOSE_IN_GRAPHQL: 'true' }
);

test("with exposeInGraphql, the plugin's types and queries are in the schema and answer a full-access token", async () => {
  await createInvitation(app, { name: 'Exposed on purpose' });
  const token = await createApiToken(app, 'full-access');
  expect(await pluginNamesInSchema(app, token)).toEqual(
    expect.arrayContaining(['InvitationsInvitation', 'Query.invitationsInvitations', 'Query.invitationsRecipients'])
  );
  const res = await graphqlRequest(app, '{ invitationsInvitations { name } }', token);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data.invitationsInvitations).toEqual([{ name: 'Exposed on purpose' }]);
});
