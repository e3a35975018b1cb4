// The plugin as a site installs it from npm: no `resolve`, Strapi finds it in node_modules.
module.exports = ({ env }) => ({
  invitations: {
    enabled: true,
    config: {
      requireInvitation: true,
      redirectOrigins: env.array('INVITATIONS_REDIRECT_ORIGINS', []),
      // The smoke suite signs up faster than a person types.
      rateLimit: { enabled: false, max: 30, windowSeconds: 60 },
    },
  },
  'users-permissions': {
    config: {
      ratelimit: { enabled: false },
    },
  },
});
