/**
 * With SMOKE_ADMIN_EMAIL and SMOKE_ADMIN_PASSWORD set and no admin yet, creates that super admin at
 * start, so the smoke suite can log in without going through the first-admin registration.
 */
const createSmokeAdmin = async (strapi) => {
  const email = process.env.SMOKE_ADMIN_EMAIL;
  const password = process.env.SMOKE_ADMIN_PASSWORD;
  if (!email || !password || (await strapi.service('admin::user').exists())) return;

  const superAdminRole = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email,
    firstname: 'Smoke',
    lastname: 'Admin',
    password,
    isActive: true,
    roles: [superAdminRole.id],
  });
};

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    await createSmokeAdmin(strapi);
  },
};
