import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Behind a load balancer: the client's address from X-Forwarded-For (the rate limit is per client).
  // maxIpsCount is the number of proxies in front of Strapi: Koa then reads the address the
  // outermost of them saw, and ignores what the client itself wrote further left.
  proxy: { koa: env.bool('SERVER_PROXY', false), maxIpsCount: env.int('PROXY_HOPS', 1) },
  app: {
    keys: env.array('APP_KEYS'),
  },
  // The plugin's reminders never need Strapi's cron (Strapi Cloud turns it off): off unless asked.
  cron: { enabled: env.bool('CRON_ENABLED', false) },
});

export default config;
