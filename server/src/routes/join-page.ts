import { JOIN_ROUTE_PATH, PLUGIN_ID } from '../constants';

const publicPage = (method: 'GET' | 'POST', handler: string) => ({
  method,
  path: `${JOIN_ROUTE_PATH}/:token`,
  handler: `join-page.${handler}`,
  config: { auth: false, middlewares: [`plugin::${PLUGIN_ID}.redact-token`] },
});

/** The hosted sign-up page, at the address invitation links point to by default. */
export default {
  type: 'admin',
  routes: [publicPage('GET', 'show'), publicPage('POST', 'submit')],
};
