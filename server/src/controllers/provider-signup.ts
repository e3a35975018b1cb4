import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateProviderSignup } from '../validation/provider-signup';
import type { KoaContext } from '../koa';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * `GET /api/invitations/:token/connect/:provider` (or `/code/:code/connect/:provider`): sign-up with a third-party provider. Checks
   * the link, keeps it in the session and sends the browser on to users-permissions'
   * `/api/connect/:provider`; the account made when the provider sends the person back takes a seat.
   */
  async connect(ctx: KoaContext) {
    const { provider, callback } = await validateProviderSignup({ provider: ctx.params.provider }, ctx.query);
    // `…/code/:code/connect/:provider`: the code typed by hand stands for the token.
    const token =
      ctx.params.code === undefined ? ctx.params.token : await getService(strapi, 'seats').tokenForCode(ctx.params.code);
    await getService(strapi, 'provider-signup').carry(ctx.session as Record<string, unknown> | null, token, provider);
    const prefix = strapi.config.get('api.rest.prefix', '/api') as string;
    const query = callback === undefined ? '' : `?${new URLSearchParams({ callback })}`;
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(`${prefix}/connect/${encodeURIComponent(provider)}${query}`);
  },
});
