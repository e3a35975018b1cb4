/** Public routes: rate-limited per IP, and the token kept out of the request log. */
const PUBLIC_TOKEN_ROUTE = {
  auth: false,
  middlewares: ['plugin::invitations.redact-token', 'plugin::invitations.rate-limit'],
} as const;

export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/:token',
      handler: 'public-invitations.status',
      config: PUBLIC_TOKEN_ROUTE,
    },
    {
      method: 'GET',
      path: '/:token/connect/:provider',
      handler: 'provider-signup.connect',
      config: PUBLIC_TOKEN_ROUTE,
    },
  ],
};
