import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import type { KoaContext } from '../koa';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** What a link's holder may know before signing up: nothing admin-only, never the token's hash. */
  async status(ctx: KoaContext) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await getService(strapi, 'seats').publicStatus(ctx.params.token) };
  },
});
