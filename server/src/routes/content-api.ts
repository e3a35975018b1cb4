import { publicTokenRouteConfig } from './public-token-route';

export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/:token',
      handler: 'public-invitations.status',
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
