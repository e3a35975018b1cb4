import type { Core } from '@strapi/strapi';

/**
 * What only the smoke suite adds to the app create-strapi-app made and the README configured
 * (config/plugins.ts): Strapi merges this file over it when NODE_ENV=production, as the suite
 * starts it. The suite signs up faster than a person types, and its page after sign-up is on the
 * port the app was started on.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  invitations: {
    config: {
      redirectOrigins: env.array('INVITATIONS_REDIRECT_ORIGINS', []),
      rateLimit: { enabled: false, max: 30, windowSeconds: 60 },
    },
  },
  'users-permissions': {
    config: {
      ratelimit: { enabled: false },
    },
  },
});

export default config;
