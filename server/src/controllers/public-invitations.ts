import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateAcceptRequest } from '../validation/accept';
import type { KoaContext } from '../koa';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const seats = () => getService(strapi, 'seats');

  /** The token a request names: in its path, or through the code typed by hand in its path. */
  const tokenOf = (ctx: KoaContext): Promise<unknown> =>
    ctx.params.code === undefined ? Promise.resolve(ctx.params.token) : seats().tokenForCode(ctx.params.code);

  return {
    /** What a link's holder may know before signing up: nothing admin-only, never the token's hash. */
    async status(ctx: KoaContext) {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await seats().publicStatus(await tokenOf(ctx)) };
    },

    /** A signed-in member accepts the link: their role becomes the link's (allowExistingAccounts). */
    async accept(ctx: KoaContext) {
      await validateAcceptRequest(ctx.request.body, ctx.query);
      const acceptance = getService(strapi, 'acceptance');
      const member = await acceptance.signedInMember(ctx);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await acceptance.accept(await tokenOf(ctx), member) };
    },
  };
};
