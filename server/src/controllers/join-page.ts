import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, REQUEST_ROUTE_PATH, USERS_PERMISSIONS_AUTH } from '../constants';
import type { RequestAccessConfig } from '../config';
import { getService } from '../utils/get-service';
import { isCsrfTokenValid, issueCsrfToken } from '../utils/csrf';
import {
  keepLanguage,
  renderCodeForm,
  renderJoinForm,
  renderMessagePage,
  type FormState,
  type PageContext,
} from '../views/join-page';
import { CODE_PAGE_MESSAGES } from '../views/code-page-messages';
import type { LinkProblem } from '../services/join-page';
import { CONFIRMATION_EMAIL_FAILED, type RegisterResponse } from '../services/registration-gate';
import type { KoaContext } from '../koa';

interface JoinFormValues {
  username: string;
  email: string;
  password: string;
}

/** The pages saying the account was made: a language link would lead back to the form. */
const NO_LANGUAGE_LINKS = { languageLinks: false };

/** The form's fields; anything but a string (a repeated field, say) counts as empty. */
const readForm = (body: Record<string, unknown>): JoinFormValues => {
  const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');
  return { username: text('username').trim(), email: text('email').trim(), password: text('password') };
};

/**
 * The hosted sign-up page at the links' default address: a server-rendered form that registers
 * through the same gate as the API, for sites with no sign-up front end of their own.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const joinPage = () => getService(strapi, 'join-page');

  const sendPage = (ctx: KoaContext, page: PageContext, status: number, html: string) =>
    joinPage().sendPage(ctx, page, status, html);

  const showLinkProblem = (ctx: KoaContext, page: PageContext, { status, title, text }: LinkProblem) =>
    sendPage(ctx, page, status, renderMessagePage(page, title, text));

  /** The form, or the page saying why the link cannot be used (404 / 410). */
  const showForm = async (ctx: KoaContext, page: PageContext, status: number, previousTry?: Partial<FormState>) => {
    let invitation;
    try {
      invitation = await getService(strapi, 'seats').publicStatus(ctx.params.token);
    } catch (error) {
      const problem = joinPage().linkProblem(error, page.messages);
      if (!problem) throw error;
      return showLinkProblem(ctx, page, problem);
    }
    const form: FormState = {
      welcomeMessage: invitation.welcomeMessage,
      expiresAt: invitation.expiresAt,
      allowedEmailDomains: invitation.allowedEmailDomains,
      // Relative to this page's own address, whatever path prefix a proxy adds. Not for a form
      // opened with a code: the link's address holds its token, never shown to a code's holder.
      ...(invitation.allowExistingAccounts &&
        previousTry?.code === undefined && {
          acceptHref: keepLanguage(`${encodeURIComponent(ctx.params.token)}/accept`, page),
        }),
      csrfToken: issueCsrfToken(ctx, getService(strapi, 'links').joinPagePath()),
      values: {},
      fieldErrors: {},
      formError: null,
      ...previousTry,
    };
    // A personal link's address, whatever a previous try sent instead.
    if (invitation.email !== undefined) {
      form.personalEmail = invitation.email;
      form.values = { ...form.values, email: invitation.email };
    }
    return sendPage(ctx, page, status, renderJoinForm(page, form));
  };

  const showFormExpired = (ctx: KoaContext, page: PageContext) => {
    const { formExpiredTitle, formExpiredText, reload } = page.messages;
    // Relative to this page's own address, whatever path prefix a proxy adds.
    const link = { href: keepLanguage(encodeURIComponent(ctx.params.token), page), label: reload };
    return sendPage(ctx, page, 403, renderMessagePage(page, formExpiredTitle, formExpiredText, link));
  };

  /**
   * Where the invitation sends new users, or the page saying they can log in. A site that confirms
   * emails first says so (no jwt was given), with the invitation's page as a link.
   */
  const showCreated = (ctx: KoaContext, page: PageContext, response: RegisterResponse) => {
    const { createdTitle, createdText, confirmEmailText, continueLink } = page.messages;
    if (!response.jwt) {
      const next = response.redirectUrl ? { href: response.redirectUrl, label: continueLink } : undefined;
      return sendPage(ctx, page, 201, renderMessagePage(page, createdTitle, confirmEmailText, next, NO_LANGUAGE_LINKS));
    }
    if (response.redirectUrl) {
      joinPage().setSecurityHeaders(ctx, page);
      ctx.status = 303;
      ctx.redirect(response.redirectUrl);
      return;
    }
    sendPage(ctx, page, 201, renderMessagePage(page, createdTitle, createdText, undefined, NO_LANGUAGE_LINKS));
  };

  /**
   * The form again with what went wrong next to the fields, or the link's error page. An account
   * whose confirmation email failed after it was created is not offered the form again.
   */
  const showFailure = async (ctx: KoaContext, page: PageContext, error: unknown, values: JoinFormValues, code?: string) => {
    if ((error as { details?: { reason?: unknown } })?.details?.reason === CONFIRMATION_EMAIL_FAILED) {
      const { createdTitle, confirmEmailFailedText } = page.messages;
      return sendPage(
        ctx,
        page,
        201,
        renderMessagePage(page, createdTitle, confirmEmailFailedText, undefined, NO_LANGUAGE_LINKS)
      );
    }
    const linkProblem = joinPage().linkProblem(error, page.messages);
    if (linkProblem) return showLinkProblem(ctx, page, linkProblem);
    const formProblem = joinPage().formProblem(error, page.messages);
    if (!formProblem) throw error;
    const { status, ...problem } = formProblem;
    return showForm(ctx, page, status, { ...problem, values: { username: values.username, email: values.email }, code });
  };

  /**
   * Where a visitor without a code asks for one, when the site takes requests: `/invitations/request`
   * relative to this page's own address (`/invitations/join`), whatever path prefix a proxy adds.
   */
  const requestHref = (page: PageContext) =>
    (strapi.config.get(`plugin::${PLUGIN_ID}.requestAccess`) as RequestAccessConfig).enabled
      ? keepLanguage(REQUEST_ROUTE_PATH.slice(1), page)
      : undefined;

  const showCodeForm = (ctx: KoaContext, page: PageContext, status: number, code = '', error: string | null = null) => {
    const csrfToken = issueCsrfToken(ctx, getService(strapi, 'links').joinPagePath());
    sendPage(ctx, page, status, renderCodeForm(page, { csrfToken, code, error, requestHref: requestHref(page) }));
  };

  /** Registers through users-permissions' controller, which the invitation gate wraps. */
  const register = async (ctx: KoaContext, values: JoinFormValues): Promise<RegisterResponse> => {
    ctx.request.body = { ...values, invitationToken: ctx.params.token };
    await strapi.controller(USERS_PERMISSIONS_AUTH).register(ctx, async () => {});
    return ctx.body as RegisterResponse;
  };

  return {
    async show(ctx: KoaContext) {
      await showForm(ctx, joinPage().pageContext(ctx), 200);
    },

    /** `/invitations/join` without a token: the page that asks for a code typed by hand. */
    async showCode(ctx: KoaContext) {
      // `?code=`: the address a QR code of the code leads to, the field filled in (nothing looked up yet).
      const { code } = ctx.query;
      const prefilled = typeof code === 'string' && code.length <= 64 ? code : '';
      await showCodeForm(ctx, joinPage().pageContext(ctx), 200, prefilled);
    },

    /**
     * The code posted: the link's own form (the code posted again with it, the token never in the
     * page), or the code form again; then, posted with the form's fields, the sign-up.
     */
    async submitCode(ctx: KoaContext) {
      const page = joinPage().pageContext(ctx);
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      if (!isCsrfTokenValid(ctx, body.csrf)) return showCodeForm(ctx, page, 403, '', page.messages.formExpiredText);
      const code = typeof body.code === 'string' ? body.code.trim() : '';
      try {
        ctx.params.token = await getService(strapi, 'seats').tokenForCode(code);
      } catch (error) {
        if ((error as { name?: string })?.name !== 'NotFoundError') throw error;
        return showCodeForm(ctx, page, 404, code, CODE_PAGE_MESSAGES[page.locale].unknown);
      }
      if (body.username === undefined) return showForm(ctx, page, 200, { code });
      const values = readForm(body);
      try {
        showCreated(ctx, page, await register(ctx, values));
      } catch (error) {
        await showFailure(ctx, page, error, values, code);
      }
    },

    async submit(ctx: KoaContext) {
      const page = joinPage().pageContext(ctx);
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      if (!isCsrfTokenValid(ctx, body.csrf)) return showFormExpired(ctx, page);
      const values = readForm(body);
      try {
        showCreated(ctx, page, await register(ctx, values));
      } catch (error) {
        await showFailure(ctx, page, error, values);
      }
    },
  };
};
