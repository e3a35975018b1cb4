import { JOIN_ROUTE_PATH, REQUEST_ROUTE_PATH } from '../constants';
import { publicTokenRouteConfig } from './public-token-route';

const publicPage = (method: 'GET' | 'POST', path: string, handler: string, extraMiddlewares: string[] = []) => {
  const config = publicTokenRouteConfig({ rateLimitedPage: 'plugin::invitations.join-page-rate-limit' });
  return {
    method,
    path,
    handler,
    config: { ...config, middlewares: [...config.middlewares, ...extraMiddlewares] },
  };
};

const joinPage = (method: 'GET' | 'POST', path: string, handler: string, extraMiddlewares: string[] = []) =>
  publicPage(method, `${JOIN_ROUTE_PATH}${path}`, handler, extraMiddlewares);

/**
 * The hosted sign-up page, at the address invitation links point to by default, its pages for
 * members who accept the link with the account they have, and the page that asks for a link.
 */
export default {
  type: 'admin',
  routes: [
    // No token: the page that asks for a code typed by hand, every try counted by the rate limit.
    joinPage('GET', '', 'join-page.showCode'),
    joinPage('POST', '', 'join-page.submitCode'),
    joinPage('GET', '/:token', 'join-page.show'),
    joinPage('POST', '/:token', 'join-page.submit'),
    joinPage('GET', '/:token/accept', 'accept-page.show'),
    // A sign-in: users-permissions' own rate limit of sign-ins applies too, as on /api/auth/local.
    joinPage('POST', '/:token/accept', 'accept-page.signIn', ['plugin::users-permissions.rateLimit']),
    joinPage('POST', '/:token/accept/confirm', 'accept-page.confirm'),
    // Counted by the same rate limit: a request is cheap to send and stored.
    publicPage('GET', REQUEST_ROUTE_PATH, 'request-page.show'),
    publicPage('POST', REQUEST_ROUTE_PATH, 'request-page.submit'),
  ],
};
