import type { Core } from '@strapi/strapi';
import { INVITATION_TOKEN_FIELD } from './services/registration-gate';

/**
 * When the site has the GraphQL plugin: adds an optional `invitationToken` to users-permissions'
 * register mutation input. That mutation calls the same `auth.register` controller as REST, so the
 * gate reads the token from the body there too.
 */
export const acceptInvitationInGraphqlRegister = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  graphql.service('extension').use(({ nexus }: { nexus: any }) => ({
    types: [
      nexus.extendInputType({
        type: 'UsersPermissionsRegisterInput',
        definition(t: any) {
          t.string(INVITATION_TOKEN_FIELD, { description: 'The token of an invitation link' });
        },
      }),
    ],
  }));
};
