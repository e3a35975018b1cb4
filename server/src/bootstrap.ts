import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../../permissions';
import { REDEEMED_EVENT } from './constants';

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

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerPermissionActions(strapi);
  registerWebhookEvents(strapi);
};
