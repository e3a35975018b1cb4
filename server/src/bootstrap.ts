import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../../permissions';
import { REDEEMED_EVENT, USER_UID } from './constants';
import { ensureSeatLimitCheck } from './database/seat-limit-check';
import { getService } from './utils/get-service';

/** Makes the plugin's RBAC actions appear under Settings > Administration panel > Roles. */
const registerPermissionActions = async (strapi: Core.Strapi) => {
  await strapi
    .service('admin::permission')
    .actionProvider.registerMany(
      ACTION_DEFINITIONS.map(({ uid, displayName }) => ({
        section: 'plugins',
        displayName,
        uid,
        pluginName: PLUGIN_ID,
      }))
    );
};

/** Lets Settings > Webhooks (and its API) subscribe to redemptions, for a site's own onboarding. */
const registerWebhookEvents = (strapi: Core.Strapi) => {
  strapi.get('webhookStore').addAllowedEvent('INVITATION_REDEEMED', REDEEMED_EVENT);
};

/** The provider sign-up gate acts where users-permissions' provider callback creates the account. */
const gateProviderSignup = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCreate: () => getService(strapi, 'provider-signup').beforeUserCreate(),
  });
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerPermissionActions(strapi);
  registerWebhookEvents(strapi);
  gateProviderSignup(strapi);
  await ensureSeatLimitCheck(strapi);
};
