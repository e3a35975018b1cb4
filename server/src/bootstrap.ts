import type { Core } from '@strapi/strapi';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../../permissions';
import { ensureSeatLimitCheck } from './database/seat-limit-check';

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

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerPermissionActions(strapi);
  await ensureSeatLimitCheck(strapi);
};
