import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ACCESS_REQUEST_UID, DELIVERY_UID, INVITATION_UID, PLUGIN_ID, RECIPIENT_UID, REDEMPTION_UID } from './constants';
import { INVITATION_CODE_FIELD, INVITATION_TOKEN_FIELD } from './services/registration-gate';
import { countAgainstRateLimit } from './middlewares/rate-limit';
import { getService } from './utils/get-service';
import type { KoaContext } from './koa';

const PLUGIN_CONTENT_TYPES = [INVITATION_UID, REDEMPTION_UID, RECIPIENT_UID, DELIVERY_UID, ACCESS_REQUEST_UID];

/** The part of the GraphQL plugin's extension service used here. */
interface GraphqlExtension {
  use: (extension: ((context: { nexus: Nexus }) => unknown) | Record<string, unknown>) => void;
  shadowCRUD: (uid: string) => { disable: () => unknown };
}

/** A nexus definition block, as far as these types use it. */
interface NexusDefinition {
  string: (name: string, options?: { description: string }) => void;
  int: (name: string) => void;
  field: (name: string, options: Record<string, unknown>) => void;
  nonNull: NexusDefinition;
}

/** The part of nexus, the GraphQL plugin's schema builder, used here. */
interface Nexus {
  extendInputType: (config: { type: string; definition: (t: NexusDefinition) => void }) => unknown;
  extendType: (config: { type: string; definition: (t: NexusDefinition) => void }) => unknown;
  objectType: (config: { name: string; description?: string; definition: (t: NexusDefinition) => void }) => unknown;
  nonNull: (type: unknown) => unknown;
  stringArg: (options?: { description: string }) => unknown;
}

/** The GraphQL plugin's extension service, when the site has the plugin. */
const graphqlExtension = (strapi: Core.Strapi): GraphqlExtension | undefined =>
  strapi.plugin('graphql')?.service('extension') as GraphqlExtension | undefined;

/**
 * Keeps the plugin's content types (links, recipients' addresses, accounts made, mail log, access
 * requests) out of
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
          t.string(INVITATION_CODE_FIELD, {
            description: 'The code of an invitation link, typed by hand (instead of the token)',
          });
        },
      }),
    ],
  }));
};

/** The GraphQL types of an accept's answer: those of `POST /api/invitations/:token/accept`. */
const acceptanceTypes = (nexus: Nexus) => [
  nexus.objectType({
    name: 'InvitationAcceptanceRole',
    definition(t) {
      t.nonNull.int('id');
      t.nonNull.string('name');
      t.nonNull.string('type');
    },
  }),
  nexus.objectType({
    name: 'InvitationAcceptanceUser',
    definition(t) {
      t.nonNull.int('id');
      t.nonNull.string('username');
      t.nonNull.string('email');
    },
  }),
  nexus.objectType({
    name: 'InvitationAcceptance',
    description: 'A member who accepted an invitation link: the role it gave, and the one they had',
    definition(t) {
      t.nonNull.field('user', { type: 'InvitationAcceptanceUser' });
      t.nonNull.field('role', { type: 'InvitationAcceptanceRole' });
      t.field('previousRole', { type: 'InvitationAcceptanceRole' });
      t.string('redirectUrl');
    },
  }),
];

/** The token `acceptInvitation` names: given, or through its code; exactly one of the two. */
const tokenOfArgs = async (strapi: Core.Strapi, { token, code }: { token?: string | null; code?: string | null }) => {
  if (Boolean(token) === Boolean(code)) throw new errors.ValidationError('Give token or code, one of the two');
  return token ?? getService(strapi, 'seats').tokenForCode(code);
};

/**
 * When the site has the GraphQL plugin: `acceptInvitation(token)` or `acceptInvitation(code)`, the REST accept's twin. Strapi's
 * own auth is off for it, as for the REST route: the resolver checks the member's users-permissions
 * token itself, and counts the request against the plugin's rate limit like every token route.
 */
export const acceptInvitationInGraphql = (strapi: Core.Strapi) => {
  const extension = graphqlExtension(strapi);
  if (!extension) return;
  extension.use(({ nexus }) => ({
    types: [
      ...acceptanceTypes(nexus),
      nexus.extendType({
        type: 'Mutation',
        definition(t) {
          t.nonNull.field('acceptInvitation', {
            type: 'InvitationAcceptance',
            args: {
              token: nexus.stringArg({ description: 'The token of an invitation link' }),
              code: nexus.stringArg({ description: 'The code of an invitation link, typed by hand (instead of the token)' }),
            },
            resolve: async (
              _parent: unknown,
              args: { token?: string | null; code?: string | null },
              { koaContext }: { koaContext: KoaContext }
            ) => {
              await countAgainstRateLimit(strapi, koaContext);
              const acceptance = getService(strapi, 'acceptance');
              const member = await acceptance.signedInMember(koaContext);
              return acceptance.accept(await tokenOfArgs(strapi, args), member);
            },
          });
        },
      }),
    ],
  }));
  extension.use({ resolversConfig: { 'Mutation.acceptInvitation': { auth: false } } });
};
