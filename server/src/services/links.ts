import type { Core } from '@strapi/strapi';
import { JOIN_PATH, PLUGIN_ID } from '../constants';

/** The address people are given: the site's own sign-up page when configured, else the plugin's. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  invitationUrl(token: string): string {
    const template = strapi.config.get(`plugin::${PLUGIN_ID}.signupUrl`) as string | null;
    if (template) return template.split('{token}').join(encodeURIComponent(token));
    const serverUrl = String(strapi.config.get('server.absoluteUrl') ?? '').replace(/\/$/, '');
    return `${serverUrl}${JOIN_PATH}/${token}`;
  },
});
