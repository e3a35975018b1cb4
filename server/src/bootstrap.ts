import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../../shared';
import { REDEEMED_EVENT, ROLE_UID, USER_UID } from './constants';
import { ensureLinkIndexes } from './database/link-indexes';
import { ensureSeatLimitCheck } from './database/seat-limit-check';
import { getService } from './utils/get-service';
import { redemptionScope, waitForClaim, type RedemptionInProgress, type UserQueryParams } from './utils/redemption-scope';

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

/** Lets Settings > Webhooks (and its API) subscribe to redemptions, for a site's own onboarding. */
const registerWebhookEvents = (strapi: Core.Strapi) => {
  strapi.get('webhookStore').addAllowedEvent('INVITATION_REDEEMED', REDEEMED_EVENT);
};

/** A user lifecycle that lets the query run once the registration in progress, if any, has its claim's answer. */
const afterTheClaim = async () => {
  await waitForClaim();
};

const populatesRole = (populate: unknown) =>
  populate === '*' ||
  (Array.isArray(populate) && populate.includes('role')) ||
  (typeof populate === 'object' && populate !== null && 'role' in populate);

interface CreatedAccount {
  id: number;
  email?: unknown;
  role?: unknown;
}

/**
 * The registration's account exists: its redemption is written, unless its read-back has already
 * started that. Every 5.x to date reads a created account back through findOne, where the role is
 * linked (see beforeReadBack); should a Strapi not, the role is linked here, and the account given
 * the role its create asked to populate (the role's own fields; a nested populate is not kept).
 */
const recordCreatedAccount = async (
  strapi: Core.Strapi,
  redemption: RedemptionInProgress,
  account: CreatedAccount,
  create: UserQueryParams
) => {
  const linkedRole = redemption.recordAccount(account, create);
  if (linkedRole === undefined || !redemption.recording || !populatesRole(create.populate)) return;
  const written = await redemption.recording.redeemedAt.then(
    () => true,
    () => false
  );
  if (written) account.role = await strapi.db.query(ROLE_UID).findOne({ where: { id: linkedRole } });
};

/**
 * Where any path creates a users-permissions account: the provider sign-up gate takes its seat
 * there, and an account made from an invitation (registration or provider) gets the invitation's
 * role and presets in the same INSERT. Inside a registration through an invitation, accounts are
 * read and created only once the claim has answered, so users-permissions' "email already taken" sees
 * what the registration before it committed; the redemption is written as soon as the account exists
 * (on PostgreSQL with the account's role link, before the create reads the account back).
 */
const gateUserCreation = (strapi: Core.Strapi) => {
  strapi.db.lifecycles.subscribe({
    models: [USER_UID],
    beforeCount: afterTheClaim,
    beforeFindOne: async (event) => {
      await waitForClaim();
      await redemptionScope.getStore()?.beforeReadBack(event.params);
    },
    beforeFindMany: afterTheClaim,
    beforeCreate: async (event) => {
      const invitation =
        (await getService(strapi, 'provider-signup').beforeUserCreate(event.params.data)) ?? (await waitForClaim());
      if (invitation) Object.assign(event.params.data, await getService(strapi, 'first-access').presetsFor(invitation));
    },
    afterCreate: async (event) => {
      const account = event.result as Partial<CreatedAccount> | undefined;
      const redemption = redemptionScope.getStore();
      if (redemption && typeof account?.id === 'number') {
        await recordCreatedAccount(strapi, redemption, account as CreatedAccount, event.params);
      }
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
};
