import type { Core } from '@strapi/strapi';
import type { Sender } from '../services/invitation-emails';
import { getService } from '../utils/get-service';
import { linkVisibility } from '../utils/link-visibility';
import { validateId } from '../validation/invitation';
import { validatePreviewOptions, validateSendInput } from '../validation/send';
import type { KoaContext } from '../koa';

const sender = (ctx: KoaContext): Sender => ctx.state.user as Sender;

/** "Send invitation": the email's preview, and the send itself. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const emails = () => getService(strapi, 'invitation-emails');

  return {
    async preview(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      const options = await validatePreviewOptions(ctx.request.body ?? {});
      ctx.body = { data: await emails().preview(id, options, sender(ctx), linkVisibility(ctx)) };
    },

    async send(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      const input = await validateSendInput(ctx.request.body);
      ctx.body = { data: await emails().send(id, input, sender(ctx)) };
    },
  };
};
