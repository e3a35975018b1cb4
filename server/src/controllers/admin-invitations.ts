import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateCreateInput, validateId, validateListQuery, validateUpdateInput } from '../validation/invitation';
import type { KoaContext } from '../koa';

const adminUserId = (ctx: KoaContext): number | undefined => ctx.state.user?.id;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const invitations = () => getService(strapi, 'invitations');

  return {
    async find(ctx: KoaContext) {
      ctx.body = await invitations().list(await validateListQuery(ctx.query));
    },

    async findOne(ctx: KoaContext) {
      ctx.body = { data: await invitations().findOne(await validateId(ctx.params.id)) };
    },

    async create(ctx: KoaContext) {
      const input = await validateCreateInput(ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await invitations().create(input, adminUserId(ctx)) };
    },

    async update(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      const input = await validateUpdateInput(ctx.request.body);
      ctx.body = { data: await invitations().update(id, input, adminUserId(ctx)) };
    },

    async roles(ctx: KoaContext) {
      ctx.body = { data: await getService(strapi, 'roles').listAssignable() };
    },

    /** What the create/edit dialog offers besides roles: presettable user fields, allowed redirects. */
    async firstAccessOptions(ctx: KoaContext) {
      const firstAccess = getService(strapi, 'first-access');
      ctx.body = { data: { userFields: firstAccess.userFields(), redirectOrigins: firstAccess.redirectOrigins() } };
    },

    async delete(ctx: KoaContext) {
      ctx.body = { data: await invitations().delete(await validateId(ctx.params.id)) };
    },
  };
};
