import type { Core } from '@strapi/strapi';
import { JOIN_PATH, PLUGIN_ID } from '../constants';

/** Addresses of the plugin's pages, as visitors reach them (behind a proxy, with its path prefix). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const serverUrl = () => String(strapi.config.get('server.absoluteUrl') ?? '').replace(/\/$/, '');

  return {
    /** The address people are given: the site's own sign-up page when configured, else the plugin's. */
    invitationUrl(token: string): string {
      const template = strapi.config.get(`plugin::${PLUGIN_ID}.signupUrl`) as string | null;
      if (template) return template.split('{token}').join(encodeURIComponent(token));
      return `${serverUrl()}${JOIN_PATH}/${token}`;
    },

    /** The hosted sign-up page's path as browsers see it, e.g. `/cms/invitations/join` under a `/cms` prefix. */
    joinPagePath(): string {
      const prefix = URL.canParse(serverUrl()) ? new URL(serverUrl()).pathname.replace(/\/$/, '') : '';
      return `${prefix}${JOIN_PATH}`;
    },
  };
};
