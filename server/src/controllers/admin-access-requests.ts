import type { Core } from '@strapi/strapi';
import type { Sender } from '../services/invitation-emails';
import type { AdminAbility } from '../services/roles';
import { getService } from '../utils/get-service';
import { validateId } from '../validation/invitation';
import {
  validateAccessRequestsQuery,
  validateApprovableLinksQuery,
  validateApprove,
  validateBulkApprove,
  validateBulkDecline,
  validateDecline,
  validateNoBody,
} from '../validation/access-requests';
import type { KoaContext } from '../koa';

const reviewer = (ctx: KoaContext): Sender => ctx.state.user as Sender;
const reviewerAbility = (ctx: KoaContext): AdminAbility => ctx.state.userAbility;

/** The Access requests page: the list, the links an approval may use, the decisions, the resend. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const accessRequests = () => getService(strapi, 'access-requests');

  return {
    async find(ctx: KoaContext) {
      ctx.body = await accessRequests().list(await validateAccessRequestsQuery(ctx.query));
    },

    async links(ctx: KoaContext) {
      ctx.body = { data: await accessRequests().approvableLinks(await validateApprovableLinksQuery(ctx.query)) };
    },

    async approve(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      ctx.body = {
        data: await accessRequests().approve(id, await validateApprove(ctx.request.body), reviewer(ctx), reviewerAbility(ctx)),
      };
    },

    async decline(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      ctx.body = { data: await accessRequests().decline(id, await validateDecline(ctx.request.body), reviewer(ctx)) };
    },

    async bulkApprove(ctx: KoaContext) {
      const { ids, ...options } = await validateBulkApprove(ctx.request.body);
      ctx.body = { data: await accessRequests().bulkApprove(ids, options, reviewer(ctx), reviewerAbility(ctx)) };
    },

    async bulkDecline(ctx: KoaContext) {
      const { ids, ...options } = await validateBulkDecline(ctx.request.body);
      ctx.body = { data: await accessRequests().bulkDecline(ids, options, reviewer(ctx)) };
    },

    async resend(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      await validateNoBody(ctx.request.body);
      ctx.body = { data: await accessRequests().resend(id, reviewer(ctx)) };
    },
  };
};
