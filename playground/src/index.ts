import type { Core } from '@strapi/strapi';
import { createDemoAdmin } from './demo-admin';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await createDemoAdmin(strapi);
  },
};
