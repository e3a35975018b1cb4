import { JOIN_ROUTE_PATH } from '../constants';
import { publicTokenRouteConfig } from './public-token-route';

const publicPage = (method: 'GET' | 'POST', path: string, handler: string, extraMiddlewares: string[] = []) => {
  const config = publicTokenRouteConfig({ rateLimitedPage: 'plugin::invitations.join-page-rate-limit' });
  return {
    method,
    path: `${JOIN_ROUTE_PATH}${path}`,
    handler,
    config: { ...config, middlewares: [...config.middlewares, ...extraMiddlewares] },
  };
};

/**
 * The hosted sign-up page, at the address invitation links point to by default, and its pages for
 * members who accept the link with the account they have.
 */
export default {
  type: 'admin',
  routes: [
    // No token: the page that asks for a code typed by hand, every try counted by the rate limit.
    publicPage('GET', '', 'join-page.showCode'),
    publicPage('POST', '', 'join-page.submitCode'),
    publicPage('GET', '/:token', 'join-page.show'),
    publicPage('POST', '/:token', 'join-page.submit'),
    publicPage('GET', '/:token/accept', 'accept-page.show'),
    // A sign-in: users-permissions' own rate limit of sign-ins applies too, as on /api/auth/local.
    publicPage('POST', '/:token/accept', 'accept-page.signIn', ['plugin::users-permissions.rateLimit']),
    publicPage('POST', '/:token/accept/confirm', 'accept-page.confirm'),
  ],
};
