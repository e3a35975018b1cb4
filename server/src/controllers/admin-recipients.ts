import type { Core } from '@strapi/strapi';
import type { Sender } from '../services/invitation-emails';
import { getService } from '../utils/get-service';
import { validateId } from '../validation/invitation';
import { validateRecipientsQuery } from '../validation/recipients';
import { validateEmailOptions } from '../validation/send';
import type { KoaContext } from '../koa';

/** The people a link's personal links were sent to: the list, resend and revoke. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const recipients = () => getService(strapi, 'recipients');
  const ids = async (ctx: KoaContext) => [await validateId(ctx.params.id), await validateId(ctx.params.recipientId)] as const;

  return {
    async find(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      ctx.body = await recipients().list(id, await validateRecipientsQuery(ctx.query));
    },

    async resend(ctx: KoaContext) {
      const [id, recipientId] = await ids(ctx);
      const options = await validateEmailOptions(ctx.request.body ?? {});
      ctx.body = { data: await recipients().resend(id, recipientId, options, ctx.state.user as Sender) };
    },

    async revoke(ctx: KoaContext) {
      const [id, recipientId] = await ids(ctx);
      ctx.body = { data: await recipients().revoke(id, recipientId) };
    },
  };
};
