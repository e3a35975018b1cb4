import type { Core } from '@strapi/strapi';
import { createDemoAdmin } from './demo-admin';
import { nameTestInstance } from './test-instance';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    nameTestInstance(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await createDemoAdmin(strapi);
  },
};
