import { JOIN_ROUTE_PATH } from '../constants';
import { publicTokenRouteConfig } from './public-token-route';

const publicPage = (method: 'GET' | 'POST', handler: string) => ({
  method,
  path: `${JOIN_ROUTE_PATH}/:token`,
  handler: `join-page.${handler}`,
  config: publicTokenRouteConfig({ rateLimitedPage: 'plugin::invitations.join-page-rate-limit' }),
});

/** The hosted sign-up page, at the address invitation links point to by default. */
export default {
  type: 'admin',
  routes: [publicPage('GET', 'show'), publicPage('POST', 'submit')],
};
