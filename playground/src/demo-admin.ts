import type { Core } from '@strapi/strapi';

/**
 * When DEMO_ADMIN_EMAIL and DEMO_ADMIN_PASSWORD are set and the app has no admin yet, creates that
 * super admin, so the demo opens on a login form rather than on the first-admin registration.
 */
export const createDemoAdmin = async (strapi: Core.Strapi) => {
  const email = process.env.DEMO_ADMIN_EMAIL;
  const password = process.env.DEMO_ADMIN_PASSWORD;
  if (!email || !password) return;

  if (await strapi.service('admin::user').exists()) return;

  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdminRole) {
    strapi.log.warn('[demo] No super admin role yet: demo admin not created');
    return;
  }
  await strapi.service('admin::user').create({
    email,
    firstname: 'Demo',
    lastname: 'Admin',
    password,
    isActive: true,
    roles: [superAdminRole.id],
  });
  strapi.log.info(`[demo] Created the super admin ${email}`);
};
