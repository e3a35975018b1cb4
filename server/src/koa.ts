import type { Core } from '@strapi/strapi';

/** The Koa context Strapi passes to controllers and middlewares. */
export type KoaContext = Parameters<Core.MiddlewareHandler>[0];
