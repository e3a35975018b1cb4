import { publicTokenRouteConfig } from './public-token-route';

export default {
  type: 'content-api',
  routes: [
    // Request access: the same answer whatever happens (docs/request-access.md); the token routes' budget.
    {
      method: 'POST',
      path: '/requests',
      handler: 'public-access-requests.submit',
      config: {
        auth: false as const,
        middlewares: ['plugin::invitations.request-access-enabled', 'plugin::invitations.rate-limit'],
      },
    },
    // A code typed by hand stands for the token (compared without case, spaces or dashes).
    {
      method: 'GET',
      path: '/code/:code',
      handler: 'public-invitations.status',
      config: publicTokenRouteConfig(),
    },
    {
      method: 'POST',
      path: '/code/:code/accept',
      handler: 'public-invitations.accept',
      config: publicTokenRouteConfig(),
    },
    {
      method: 'GET',
      path: '/code/:code/connect/:provider',
      handler: 'provider-signup.connect',
      config: publicTokenRouteConfig(),
    },
    {
      method: 'GET',
      path: '/:token',
      handler: 'public-invitations.status',
      config: publicTokenRouteConfig(),
    },
    {
      method: 'POST',
      path: '/:token/accept',
      handler: 'public-invitations.accept',
      // No Strapi auth: the handler checks the member's own users-permissions token (acceptance.ts).
      config: publicTokenRouteConfig(),
    },
    {
      method: 'GET',
      path: '/:token/connect/:provider',
      handler: 'provider-signup.connect',
      config: publicTokenRouteConfig(),
    },
  ],
};
