import type { Core } from '@strapi/strapi';
import type { Sender } from '../services/invitation-emails';
import { getService } from '../utils/get-service';
import { validateTemplateText } from '../validation/email-templates';
import type { KoaContext } from '../koa';

/** Settings > Invitations > Email templates: list, edit, reset, and "Send me a test". */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const templates = () => getService(strapi, 'email-templates');
  /** The route's kind and language, 404 unless both are known. */
  const keyOf = (ctx: KoaContext) => {
    const { kind, language } = ctx.params as { kind: string; language: string };
    return [templates().checkKnown(kind, language), language] as const;
  };

  return {
    async find(ctx: KoaContext) {
      ctx.body = { data: await templates().list() };
    },

    async update(ctx: KoaContext) {
      const [kind, language] = keyOf(ctx);
      const text = await validateTemplateText(kind, ctx.request.body);
      ctx.body = { data: await templates().save(kind, language, text) };
    },

    async reset(ctx: KoaContext) {
      const [kind, language] = keyOf(ctx);
      ctx.body = { data: await templates().reset(kind, language) };
    },

    async sendTest(ctx: KoaContext) {
      const [kind, language] = keyOf(ctx);
      ctx.body = {
        data: await getService(strapi, 'invitation-emails').sendTemplateTest(kind, language, ctx.state.user as Sender),
      };
    },
  };
};
