import type { Core } from '@strapi/strapi';
import { JOIN_PATH, PLUGIN_ID, REQUEST_PATH } from '../constants';
import { MASKED_TOKEN } from '../../../shared';
import type { RequestAccessConfig } from '../config';

/** Addresses of the plugin's pages, as visitors reach them (behind a proxy, with its path prefix). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const serverUrl = () => String(strapi.config.get('server.absoluteUrl') ?? '').replace(/\/$/, '');
  /** The server's path prefix as browsers see it, e.g. `/cms` when a proxy serves Strapi under it. */
  const pathPrefix = () => (URL.canParse(serverUrl()) ? new URL(serverUrl()).pathname.replace(/\/$/, '') : '');

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
      return `${pathPrefix()}${JOIN_PATH}`;
    },

    /** The hosted page that asks for an invitation, as browsers see its path. */
    requestPagePath(): string {
      return `${pathPrefix()}${REQUEST_PATH}`;
    },

    /**
     * The same page's full address when the site takes requests (null otherwise), for an answer to
     * a client elsewhere: the API's 403 of a sign-up without a link.
     */
    requestAccessUrl(): string | null {
      const { enabled } = strapi.config.get(`plugin::${PLUGIN_ID}.requestAccess`) as RequestAccessConfig;
      return enabled ? `${serverUrl()}${REQUEST_PATH}` : null;
    },
  };
};
