import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a load balancer: the client's address from X-Forwarded-For (the rate limit is per client).
  proxy: { koa: env.bool('SERVER_PROXY', false) },
  app: {
    keys: env.array('APP_KEYS'),
  },
});

export default config;
