import type { Core } from '@strapi/strapi';
import { JOIN_PATH, PLUGIN_ID } from '../constants';
import type { KoaContext } from '../koa';

const REDACTED = '[token]';

type MiddlewareFactory = (config: unknown, context: { strapi: Core.Strapi }) => Core.MiddlewareHandler;

/** Paths whose next segment is an invitation token: the public status API and the hosted page. */
const tokenPathPrefixes = (strapi: Core.Strapi) => [
  `${strapi.config.get('api.rest.prefix', '/api')}/${PLUGIN_ID}/`,
  `${JOIN_PATH}/`,
];

/** `url` with the segment after a token path prefix replaced by `[token]`. */
const redactTokenInUrl = (url: string, prefixes: string[]): string => {
  const prefix = prefixes.find((candidate) => url.startsWith(candidate));
  if (!prefix) return url;
  return `${prefix}${REDACTED}${url.slice(prefix.length).replace(/^[^/?#]*/, '')}`;
};

/**
 * Keeps tokens out of Strapi's request log, whatever becomes of the request: the logger prints
 * `ctx.url` once everything after it is done, including requests refused before any route
 * matched (a body too large, a wrong method, a mistyped path), so the URL is redacted just before
 * the logger reads it.
 */
export const keepTokensOutOfRequestLog = (strapi: Core.Strapi) => {
  strapi.get('middlewares').extend('strapi::logger', (logger: MiddlewareFactory): MiddlewareFactory => (config, context) => {
    const logRequest = logger(config, context);
    const prefixes = tokenPathPrefixes(strapi);
    return (ctx: KoaContext, next) =>
      logRequest(ctx, async () => {
        try {
          await next();
        } finally {
          ctx.url = redactTokenInUrl(ctx.url, prefixes);
        }
      });
  });
};
