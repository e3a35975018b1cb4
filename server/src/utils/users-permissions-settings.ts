import type { Core } from '@strapi/strapi';

/** The users-permissions settings the plugin reads (Settings > Users & Permissions > Advanced settings). */
export interface UsersPermissionsAdvancedSettings {
  /** The type of the role new accounts get. */
  default_role?: string;
  email_confirmation?: boolean;
}

/** users-permissions' advanced settings, from its store (empty when none were saved). */
export const usersPermissionsAdvancedSettings = async (strapi: Core.Strapi): Promise<UsersPermissionsAdvancedSettings> =>
  ((await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) ??
    {}) as UsersPermissionsAdvancedSettings;
