import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * The root of this repository, i.e. the plugin under development. Found by walking up, because
 * this file runs from config/ (admin build) and from dist/config/ (server).
 */
const pluginRoot = () => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'strapi-plugin-invitations') {
      return dir;
    }
  }
  throw new Error('strapi-plugin-invitations not found above the playground');
};

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  invitations: {
    enabled: true,
    resolve: pluginRoot(),
    config: {
      requireInvitation: env.bool('INVITATIONS_REQUIRE_INVITATION', true),
      signupUrl: env('INVITATIONS_SIGNUP_URL', null),
      redirectOrigins: env.array('INVITATIONS_REDIRECT_ORIGINS', ['http://127.0.0.1:1337', 'http://localhost:1337']),
      rateLimit: {
        enabled: !env.bool('DISABLE_RATE_LIMIT', false),
        max: env.int('INVITATIONS_RATE_LIMIT_MAX', 30),
        windowSeconds: env.int('INVITATIONS_RATE_LIMIT_WINDOW_SECONDS', 60),
      },
    },
  },
  // Installed for the tests of the GraphQL register mutation; off unless ENABLE_GRAPHQL=true.
  graphql: { enabled: env.bool('ENABLE_GRAPHQL', false) },
  'users-permissions': {
    config: {
      // Only the tests turn the limiter off: they register faster than a person types.
      ratelimit: { enabled: !env.bool('DISABLE_RATE_LIMIT', false) },
    },
  },
});

export default config;
