import type { Core } from '@strapi/strapi';
import { sendCsv } from '../export/csv-export';
import type { ExportKind } from '../services/invitations';
import type { AdminAbility } from '../services/roles';
import { getService } from '../utils/get-service';
import { linkVisibility } from '../utils/link-visibility';
import {
  validateBulkDelete,
  validateCreateInput,
  validateId,
  validateListQuery,
  validateNoQuery,
  validateRedemptionsQuery,
  validateRenew,
  validateRolesQuery,
  validateUpdateInput,
} from '../validation/invitation';
import type { KoaContext } from '../koa';
import { actionId } from '../../../shared';
import type { Sender } from '../services/invitation-emails';

const adminUserId = (ctx: KoaContext): number | undefined => ctx.state.user?.id;
/** What the admin may do elsewhere in the admin panel: who may give which role is checked against it. */
const adminAbility = (ctx: KoaContext): AdminAbility & { can?: (action: string) => boolean } => ctx.state.userAbility;

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const invitations = () => getService(strapi, 'invitations');

  /** A CSV download of one of the link's lists; a failure once it has started can only be logged. */
  const exportList = (kind: ExportKind) => async (ctx: KoaContext) => {
    const id = await validateId(ctx.params.id);
    await validateNoQuery(ctx.query);
    sendCsv(ctx, await invitations().csvExport(id, kind), (error) => {
      strapi.log.error(`[invitations] The ${kind} export of invitation ${id} failed: ${error.message}`);
    });
  };

  return {
    async find(ctx: KoaContext) {
      ctx.body = await invitations().list(await validateListQuery(ctx.query), linkVisibility(ctx));
    },

    async findOne(ctx: KoaContext) {
      ctx.body = { data: await invitations().findOne(await validateId(ctx.params.id), linkVisibility(ctx)) };
    },

    async create(ctx: KoaContext) {
      const input = await validateCreateInput(ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await invitations().create(input, adminUserId(ctx), adminAbility(ctx), linkVisibility(ctx)) };
    },

    async update(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      const input = await validateUpdateInput(ctx.request.body);
      ctx.body = { data: await invitations().update(id, input, adminUserId(ctx), adminAbility(ctx), linkVisibility(ctx)) };
    },

    /** A new date and, if asked, the personal links mailed again: the route needs both update and send. */
    async renew(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      const input = await validateRenew(ctx.request.body);
      ctx.body = { data: await invitations().renew(id, input, ctx.state.user as Sender, adminAbility(ctx), linkVisibility(ctx)) };
    },

    async roles(ctx: KoaContext) {
      const grant = await validateRolesQuery(ctx.query);
      ctx.body = { data: await getService(strapi, 'roles').listAssignable(adminAbility(ctx), grant) };
    },

    /** What the create/edit dialog offers besides roles: presettable user fields, allowed redirects. */
    async firstAccessOptions(ctx: KoaContext) {
      const firstAccess = getService(strapi, 'first-access');
      ctx.body = { data: { userFields: firstAccess.userFields(), redirectOrigins: firstAccess.redirectOrigins() } };
    },

    async delete(ctx: KoaContext) {
      ctx.body = { data: await invitations().delete(await validateId(ctx.params.id)) };
    },

    async bulkDelete(ctx: KoaContext) {
      const { ids } = await validateBulkDelete(ctx.request.body);
      ctx.body = { data: await invitations().bulkDelete(ids) };
    },

    async redemptions(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      ctx.body = await invitations().redemptions(id, await validateRedemptionsQuery(ctx.query));
    },

    exportRedemptions: exportList('redemptions'),

    exportDeliveries: exportList('deliveries'),

    exportRecipients: exportList('recipients'),

    async timeline(ctx: KoaContext) {
      const id = await validateId(ctx.params.id);
      await validateNoQuery(ctx.query);
      ctx.body = { data: await invitations().timeline(id) };
    },

    async summary(ctx: KoaContext) {
      await validateNoQuery(ctx.query);
      const accessRequests = getService(strapi, 'access-requests');
      const countsRequests = accessRequests.isEnabled() && adminAbility(ctx)?.can?.(actionId('reviewAccessRequests')) === true;
      const [figures, pendingAccessRequests] = await Promise.all([
        invitations().summary(),
        countsRequests ? accessRequests.countPending() : null,
      ]);
      ctx.body = { data: { ...figures, pendingAccessRequests } };
    },
  };
};
