import type { Core } from '@strapi/strapi';
import { DELIVERY_UID, INVITATION_UID, PLUGIN_ID, RECIPIENT_UID, REDEMPTION_UID } from './constants';
import { INVITATION_TOKEN_FIELD } from './services/registration-gate';

const PLUGIN_CONTENT_TYPES = [INVITATION_UID, REDEMPTION_UID, RECIPIENT_UID, DELIVERY_UID];

/** The part of the GraphQL plugin's extension service used here. */
interface GraphqlExtension {
  use: (extension: (context: { nexus: Nexus }) => unknown) => void;
  shadowCRUD: (uid: string) => { disable: () => unknown };
}

/** The part of nexus, the GraphQL plugin's schema builder, used here. */
interface Nexus {
  extendInputType: (config: {
    type: string;
    definition: (t: { string: (name: string, options: { description: string }) => void }) => void;
  }) => unknown;
}

/** The GraphQL plugin's extension service, when the site has the plugin. */
const graphqlExtension = (strapi: Core.Strapi): GraphqlExtension | undefined =>
  strapi.plugin('graphql')?.service('extension') as GraphqlExtension | undefined;

/**
 * Keeps the plugin's content types (links, recipients' addresses, accounts made, mail log) out of
 * the GraphQL schema: no query, mutation or type is generated for them. An API token, even a
 * read-only one, would otherwise read them all. `exposeInGraphql: true` lets the site opt in.
 */
export const hideContentTypesFromGraphql = (strapi: Core.Strapi) => {
  const extension = graphqlExtension(strapi);
  if (!extension || strapi.config.get(`plugin::${PLUGIN_ID}.exposeInGraphql`)) return;
  for (const uid of PLUGIN_CONTENT_TYPES) extension.shadowCRUD(uid).disable();
};

/**
 * When the site has the GraphQL plugin: adds an optional `invitationToken` to users-permissions'
 * register mutation input. That mutation calls the same `auth.register` controller as REST, so the
 * gate reads the token from the body there too.
 */
export const acceptInvitationInGraphqlRegister = (strapi: Core.Strapi) => {
  graphqlExtension(strapi)?.use(({ nexus }) => ({
    types: [
      nexus.extendInputType({
        type: 'UsersPermissionsRegisterInput',
        definition(t) {
          t.string(INVITATION_TOKEN_FIELD, { description: 'The token of an invitation link' });
        },
      }),
    ],
  }));
};
