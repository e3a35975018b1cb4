import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { validateAccessRequestSubmission } from '../validation/access-requests';
import type { KoaContext } from '../koa';

/** The one answer to every valid request for access, so that it tells nothing about who is known. */
export const ACCESS_REQUEST_RECEIVED = { data: { status: 'received' } } as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** `POST /api/invitations/requests`: 202 once stored (or dropped), whatever became of it. */
  async submit(ctx: KoaContext) {
    const submission = await validateAccessRequestSubmission(ctx.request.body);
    await getService(strapi, 'access-requests').submit(submission);
    ctx.set('Cache-Control', 'no-store');
    ctx.status = 202;
    ctx.body = ACCESS_REQUEST_RECEIVED;
  },
});
