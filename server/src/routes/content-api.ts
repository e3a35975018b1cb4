export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/:token',
      handler: 'public-invitations.status',
      config: { auth: false, middlewares: ['plugin::invitations.redact-token', 'plugin::invitations.rate-limit'] },
    },
  ],
};
