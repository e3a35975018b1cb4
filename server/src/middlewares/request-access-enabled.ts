import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils/get-service';

/**
 * Request access's public routes exist only while `requestAccess.enabled` is on: off, they answer
 * the 404 of a route that does not exist, before the rate limit counts anything.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (_ctx, next) => {
    if (!getService(strapi, 'access-requests').isEnabled()) throw new errors.NotFoundError('Not Found');
    await next();
  };
