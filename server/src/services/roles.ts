import type { Core } from '@strapi/strapi';
import { ROLE_UID } from '../constants';

/** The users-permissions roles an invitation can give, the site's default one marked. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async listAssignable() {
    const advanced = (await strapi.store({ type: 'plugin', name: 'users-permissions' }).get({ key: 'advanced' })) as {
      default_role?: string;
    } | null;
    const roles = await strapi.db.query(ROLE_UID).findMany({
      select: ['id', 'name', 'description', 'type'],
      // The public role is what visitors without an account get: no account should be given it.
      where: { type: { $ne: 'public' } },
      orderBy: { name: 'asc' },
    });
    return roles.map((role) => ({ ...role, isDefault: role.type === advanced?.default_role }));
  },
});
