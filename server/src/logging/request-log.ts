import type { Core } from '@strapi/strapi';
import { JOIN_PATH, PLUGIN_ID } from '../constants';
import type { KoaContext } from '../koa';

const REDACTED = '[token]';

type MiddlewareFactory = (config: unknown, context: { strapi: Core.Strapi }) => Core.MiddlewareHandler;

/**
 * Paths whose next segment is an invitation token or code (the public status API, the hosted page),
 * lowercase; the longer first, so that a code path is not taken for a token path.
 */
const tokenPathPrefixes = (strapi: Core.Strapi) => {
  const api = `${strapi.config.get('api.rest.prefix', '/api')}/${PLUGIN_ID}/`;
  return [`${api}code/`, api, JOIN_PAGE_PREFIX].map((prefix) => prefix.toLowerCase());
};

/** The hosted page's prefix; the page itself (no token) is the code page. */
const JOIN_PAGE_PREFIX = `${JOIN_PATH}/`.toLowerCase();

/** How many times `%2F` may have been encoded again (`%252F`) and still be read as `/`. */
const MAX_DECODINGS = 3;

/** Each `%XX` as its byte, a few times over; a stray `%` stays (decodeURIComponent would give up on all of it). */
const percentDecoded = (path: string) => {
  let decoded = path;
  for (let i = 0; i < MAX_DECODINGS && /%[0-9a-f]{2}/i.test(decoded); i += 1) {
    decoded = decoded.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return decoded;
};

/**
 * The path as the router may read it: Strapi's routes match whatever the case, and a proxy may
 * decode `%2F` or merge `//`, so a token path is recognised in any of those spellings.
 */
const normalisedPath = (path: string) =>
  percentDecoded(path)
    .replace(/[/\\]+/g, '/')
    .toLowerCase();

/**
 * `url` with the segment after a token path prefix replaced by `[token]`. A URL that matches is
 * logged in its normalised form (what follows the token keeps its place, the query string as sent).
 */
const redactTokenInUrl = (url: string, prefixes: string[]): string => {
  const queryStart = url.search(/[?#]/);
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? '' : url.slice(queryStart);
  const normalised = normalisedPath(path);
  // The code page takes a code in its query (`?code=`, from a QR code): the value goes.
  if (`${normalised.replace(/\/$/, '')}/` === JOIN_PAGE_PREFIX) {
    return `${normalised}${percentDecoded(query).replace(/([?&]\s*code\s*=)[^&#]*/gi, '$1[code]')}`;
  }
  const prefix = prefixes.find((candidate) => normalised.startsWith(candidate));
  if (!prefix) return url;
  return `${prefix}${REDACTED}${normalised.slice(prefix.length).replace(/^[^/]*/, '')}${query}`;
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
