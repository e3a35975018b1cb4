import type { Core } from '@strapi/strapi';
import { getService } from '../utils/get-service';
import { renderMessagePage } from '../views/join-page';

/**
 * The hosted sign-up page's visitors are people in a browser: when the rate limit (the next
 * middleware) refuses them, they get a page in their language with the same 429 and Retry-After,
 * not the JSON error the API answers.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if ((error as { name?: string })?.name !== 'RateLimitError') throw error;
      const joinPage = getService(strapi, 'join-page');
      const page = joinPage.pageContext(ctx);
      const { tooManyRequestsTitle, tooManyRequestsText } = page.messages;
      joinPage.sendPage(ctx, page, 429, renderMessagePage(page, tooManyRequestsTitle, tooManyRequestsText));
    }
  };
