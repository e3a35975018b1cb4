import type { Core } from '@strapi/strapi';

export const REDACTED = '[token]';

/**
 * Removes the invitation token from the request URL once the route has matched, so that Strapi's
 * request logger (which prints `ctx.url` when the response is done) never writes a token.
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  const { token } = ctx.params ?? {};
  if (typeof token === 'string' && token.length > 0) {
    ctx.url = ctx.url.split(encodeURIComponent(token)).join(REDACTED).split(token).join(REDACTED);
  }
  await next();
};
