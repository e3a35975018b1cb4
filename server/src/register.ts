import type { Core } from '@strapi/strapi';
import { acceptInvitationInGraphqlRegister } from './graphql';
import { keepTokensOutOfRequestLog } from './logging/request-log';
import { USERS_PERMISSIONS_AUTH } from './constants';
import { getService } from './utils/get-service';
import { holdUntilCommitted } from './utils/redemption-scope';

const USERS_PERMISSIONS_PROVIDERS = 'plugin::users-permissions.providers';
const USERS_PERMISSIONS_USERS = 'plugin::users-permissions.user';

/**
 * Puts the invitation gate in front of users-permissions' register controller and of the
 * accounts its provider callback creates. This must happen in register(): routes bind their
 * handlers during load(), before any bootstrap() runs.
 */
const gateRegistration = (strapi: Core.Strapi) => {
  const gate = getService(strapi, 'registration-gate');
  const providerSignup = getService(strapi, 'provider-signup');
  strapi.get('controllers').extend(USERS_PERMISSIONS_AUTH, (auth: Record<string, any>) => ({
    ...auth,
    register: gate.wrap(auth.register.bind(auth)),
    callback: providerSignup.wrapCallback(auth.callback.bind(auth)),
  }));
  strapi.get('services').extend(USERS_PERMISSIONS_PROVIDERS, (providers: Record<string, any>) => ({
    ...providers,
    connect: providerSignup.wrapConnect(providers.connect),
  }));
  strapi.get('services').extend(USERS_PERMISSIONS_USERS, (users: Record<string, any>) => ({
    ...users,
    sendConfirmationEmail: holdUntilCommitted(users.sendConfirmationEmail.bind(users)),
  }));
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  gateRegistration(strapi);
  acceptInvitationInGraphqlRegister(strapi);
  keepTokensOutOfRequestLog(strapi);
};
