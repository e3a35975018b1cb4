import type { Core } from '@strapi/strapi';
import { acceptInvitationInGraphql, acceptInvitationInGraphqlRegister, hideContentTypesFromGraphql } from './graphql';
import type { KoaContext } from './koa';
import { keepTokensOutOfRequestLog } from './logging/request-log';
import { USERS_PERMISSIONS_AUTH } from './constants';
import { getService, type Service } from './utils/get-service';
import { holdUntilCommitted } from './utils/redemption-scope';
import { gateUserCreationByUsers } from './user-creation-gate';

const USERS_PERMISSIONS_PROVIDERS = 'plugin::users-permissions.providers';
const USERS_PERMISSIONS_USERS = 'plugin::users-permissions.user';

// The parts of users-permissions' controller and services that are wrapped here; the rest is kept as is.
type Handler = (ctx: KoaContext) => Promise<unknown>;
type AuthController = { register: Handler; callback: Handler };
type ProvidersService = { connect: Parameters<Service<'provider-signup'>['wrapConnect']>[0] };
type UserService = { sendConfirmationEmail: (...args: unknown[]) => Promise<unknown> };

/**
 * Puts the invitation gate in front of users-permissions' register controller and of the
 * accounts its provider callback creates. This must happen in register(): routes bind their
 * handlers during load(), before any bootstrap() runs.
 */
const gateRegistration = (strapi: Core.Strapi) => {
  const gate = getService(strapi, 'registration-gate');
  const providerSignup = getService(strapi, 'provider-signup');
  strapi.get('controllers').extend(USERS_PERMISSIONS_AUTH, (auth: AuthController) => ({
    ...auth,
    register: gate.wrap(auth.register.bind(auth)),
    callback: providerSignup.wrapCallback(auth.callback.bind(auth)),
  }));
  strapi.get('services').extend(USERS_PERMISSIONS_PROVIDERS, (providers: ProvidersService) => ({
    ...providers,
    connect: providerSignup.wrapConnect(providers.connect),
  }));
  strapi.get('services').extend(USERS_PERMISSIONS_USERS, (users: UserService) => ({
    ...users,
    sendConfirmationEmail: holdUntilCommitted(users.sendConfirmationEmail.bind(users)),
  }));
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  gateRegistration(strapi);
  gateUserCreationByUsers(strapi);
  acceptInvitationInGraphqlRegister(strapi);
  acceptInvitationInGraphql(strapi);
  hideContentTypesFromGraphql(strapi);
  keepTokensOutOfRequestLog(strapi);
};
