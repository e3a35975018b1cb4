import type { TestApp } from './strapi';
import { graphqlRequest } from './content-api';

/** What a client reads of the plugin's tables with one GraphQL query, were they in the schema. */
export const PLUGIN_TABLES_QUERY = `{
  invitationsRecipients { email status }
  invitationsRedemptions { user { email } }
  invitationsDeliveries { recipient }
  invitationsInvitations { name welcomeMessage }
  invitationsAccessRequests { email message }
}`;

const INTROSPECTION = `{
  __schema { types { name } queryType { fields { name } } mutationType { fields { name } } }
}`;

/** Every type, query and mutation of the schema whose name speaks of the plugin's content types. */
export const pluginNamesInSchema = async (app: TestApp, bearer?: string) => {
  const res = await graphqlRequest(app, INTROSPECTION, bearer);
  expect(res.body.errors).toBeUndefined();
  const schema = res.body.data.__schema;
  const names: string[] = [
    ...schema.types.map((type: { name: string }) => type.name),
    ...schema.queryType.fields.map((field: { name: string }) => `Query.${field.name}`),
    ...schema.mutationType.fields.map((field: { name: string }) => `Mutation.${field.name}`),
  ];
  return names.filter((name) => /invitations/i.test(name));
};
