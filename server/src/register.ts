import type { Core } from '@strapi/strapi';
import { USERS_PERMISSIONS_AUTH } from './constants';
import { getService } from './utils/get-service';

/**
 * Puts the invitation gate in front of users-permissions' register controller. This must happen
 * in register(): routes bind their handlers during load(), before any bootstrap() runs.
 */
const gateRegistration = (strapi: Core.Strapi) => {
  const gate = getService(strapi, 'registration-gate');
  strapi.get('controllers').extend(USERS_PERMISSIONS_AUTH, (auth: Record<string, any>) => ({
    ...auth,
    register: gate.wrap(auth.register.bind(auth)),
  }));
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  gateRegistration(strapi);
};
