import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../../shared';
import { ACCESS_REQUEST_EVENTS, REDEEMED_EVENT, USER_UID } from './constants';
import { ensureLinkIndexes } from './database/link-indexes';
import { ensureSeatLimitCheck } from './database/seat-limit-check';
import { getService } from './utils/get-service';
import { redemptionScope, waitForClaim } from './utils/redemption-scope';

/** Makes the plugin's RBAC actions appear under Settings > Administration panel > Roles. */
const registerPermissionActions = async (strapi: Core.Strapi) => {
  await strapi.service('admin::permission').actionProvider.registerMany(
    ACTION_DEFINITIONS.map(({ uid, displayName }) => ({
      section: 'plugins',
      displayName,
      uid,
      pluginName: PLUGIN_ID,
    }))
  );
};

/** Lets Settings > Webhooks (and its API) subscribe to redemptions and access requests, for a site's own onboarding. */
const registerWebhookEvents = (strapi: Core.Strapi) => {
  const webhooks = strapi.get('webhookStore');
  webhooks.addAllowedEvent('INVITATION_REDEEMED', REDEEMED_EVENT);
  webhooks.addAllowedEvent('INVITATION_REQUEST_CREATED', ACCESS_REQUEST_EVENTS.created);
  webhooks.addAllowedEvent('INVITATION_REQUEST_APPROVED', ACCESS_REQUEST_EVENTS.approved);
  webhooks.addAllowedEvent('INVITATION_REQUEST_DECLINED', ACCESS_REQUEST_EVENTS.declined);
};

/** A user lifecycle that lets the query run once the registration in progress, if any, has its claim's answer. */
const afterTheClaim = async () => {
  await waitForClaim();
};

/**
 * Where any path creates a users-permissions account: the provider sign-up gate takes its seat
 * there, and an account made from an invitation (registration or provider) gets the invitation's
 * role and presets in the same INSERT. Inside a registration through an invitation, accounts are
 * read and created only once the claim has answered, so users-permissions' "email already taken" sees
 * what the registration before it committed; the redemption is written as soon as the account exists.
 */
const gateUserCreation = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCount: afterTheClaim,
    beforeFindOne: afterTheClaim,
    beforeFindMany: afterTheClaim,
    beforeCreate: async (event) => {
      const invitation =
        (await getService(strapi, 'provider-signup').beforeUserCreate(event.params.data)) ?? (await waitForClaim());
      if (invitation) Object.assign(event.params.data, await getService(strapi, 'first-access').presetsFor(invitation));
    },
    afterCreate: (event) => {
      const account = event.result as { id?: number; email?: unknown } | undefined;
      if (account?.id !== undefined) redemptionScope.getStore()?.recordAccount({ id: account.id, email: account.email });
    },
  });
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerPermissionActions(strapi);
  registerWebhookEvents(strapi);
  gateUserCreation(strapi);
  await ensureSeatLimitCheck(strapi);
  await ensureLinkIndexes(strapi);
  await getService(strapi, 'rate-limit').prepare();
  getService(strapi, 'background').start();
};
