import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateAcceptRequest } from '../validation/accept';
import type { KoaContext } from '../koa';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** What a link's holder may know before signing up: nothing admin-only, never the token's hash. */
  async status(ctx: KoaContext) {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await getService(strapi, 'seats').publicStatus(ctx.params.token) };
  },

  /** A signed-in member accepts the link: their role becomes the link's (allowExistingAccounts). */
  async accept(ctx: KoaContext) {
    await validateAcceptRequest(ctx.request.body, ctx.query);
    const acceptance = getService(strapi, 'acceptance');
    const member = await acceptance.signedInMember(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await acceptance.accept(ctx.params.token, member) };
  },
});
