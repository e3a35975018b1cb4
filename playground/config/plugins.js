const path = require('path');

module.exports = ({ env }) => ({
  // The plugin under development, loaded from the root of this repository.
  invitations: {
    enabled: true,
    resolve: path.resolve(__dirname, '../..'),
    config: {
      requireInvitation: env.bool('INVITATIONS_REQUIRE_INVITATION', true),
      signupUrl: env('INVITATIONS_SIGNUP_URL', null),
    },
  },
  'users-permissions': {
    config: {
      // Registrations in tests come faster than a person types: the tests turn the limiter off.
      ratelimit: { enabled: !env.bool('DISABLE_RATE_LIMIT', false) },
    },
  },
});
