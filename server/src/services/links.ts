import type { Core } from '@strapi/strapi';
import { JOIN_PATH, PLUGIN_ID } from '../constants';
import { MASKED_TOKEN } from '../../../shared';

/** Addresses of the plugin's pages, as visitors reach them (behind a proxy, with its path prefix). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const serverUrl = () => String(strapi.config.get('server.absoluteUrl') ?? '').replace(/\/$/, '');

  /** The site's own sign-up page when configured, else the plugin's, with `segment` where the token goes. */
  const addressWith = (segment: string) => {
    const template = strapi.config.get(`plugin::${PLUGIN_ID}.signupUrl`) as string | null;
    if (template) return template.split('{token}').join(segment);
    return `${serverUrl()}${JOIN_PATH}/${segment}`;
  };

  return {
    /** The address people are given. */
    invitationUrl(token: string): string {
      return addressWith(encodeURIComponent(token));
    },

    /** The same address with its token masked, for an admin who may not see links. */
    maskedInvitationUrl(): string {
      return addressWith(MASKED_TOKEN);
    },

    /** The plugin's code page with the code filled in (what a QR code of the code leads to). */
    codePageUrl(code: string): string {
      return `${serverUrl()}${JOIN_PATH}?${new URLSearchParams({ code })}`;
    },

    /** The hosted sign-up page's path as browsers see it, e.g. `/cms/invitations/join` under a `/cms` prefix. */
    joinPagePath(): string {
      const prefix = URL.canParse(serverUrl()) ? new URL(serverUrl()).pathname.replace(/\/$/, '') : '';
      return `${prefix}${JOIN_PATH}`;
    },
  };
};
