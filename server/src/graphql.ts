import type { Core } from '@strapi/strapi';
import { INVITATION_TOKEN_FIELD } from './services/registration-gate';

/** The part of nexus, the GraphQL plugin's schema builder, used here. */
interface Nexus {
  extendInputType: (config: {
    type: string;
    definition: (t: { string: (name: string, options: { description: string }) => void }) => void;
  }) => unknown;
}

/**
 * When the site has the GraphQL plugin: adds an optional `invitationToken` to users-permissions'
 * register mutation input. That mutation calls the same `auth.register` controller as REST, so the
 * gate reads the token from the body there too.
 */
export const acceptInvitationInGraphqlRegister = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: { nexus: Nexus }) => ({
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
