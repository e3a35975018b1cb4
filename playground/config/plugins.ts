import path from 'path';
import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  // The plugin under development: the root of this repository (this file runs from dist/config).
  invitations: {
    enabled: true,
    resolve: path.resolve(__dirname, '..', '..', '..'),
    config: {
      requireInvitation: env.bool('INVITATIONS_REQUIRE_INVITATION', true),
      signupUrl: env('INVITATIONS_SIGNUP_URL', null),
    },
  },
  'users-permissions': {
    config: {
      // Only the tests turn the limiter off: they register faster than a person types.
      ratelimit: { enabled: !env.bool('DISABLE_RATE_LIMIT', false) },
    },
  },
});

export default config;
