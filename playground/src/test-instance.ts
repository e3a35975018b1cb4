import type { Core } from '@strapi/strapi';

/**
 * Only when the tests start this app as a process of their own (TEST_INSTANCE_ID set): every answer
 * names the process, so that a test waiting for its server cannot take another suite's for it (two
 * suites may be handed the same free port, and the slower `strapi start` then fails to bind it).
 */
export const nameTestInstance = (strapi: Core.Strapi) => {
  const instanceId = process.env.TEST_INSTANCE_ID;
  if (!instanceId) return;
  strapi.server.use(async (ctx, next) => {
    ctx.set('X-Test-Instance', instanceId);
    await next();
  });
};
