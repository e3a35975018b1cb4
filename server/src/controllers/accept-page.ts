import type { Core } from '@strapi/strapi';
import {
  ALREADY_ACCEPTED,
  EMAIL_DOMAIN_REFUSED,
  EMAIL_MISMATCH,
  EXISTING_ACCOUNTS_NOT_ALLOWED,
  NOT_SIGNED_IN,
  SAME_ROLE,
} from '../../../shared';
import { USERS_PERMISSIONS_AUTH } from '../constants';
import { getService } from '../utils/get-service';
import { isCsrfTokenValid, issueCsrfToken } from '../utils/csrf';
import { keepLanguage, renderMessagePage, type PageContext } from '../views/join-page';
import { renderConfirmAccept, renderSignInForm } from '../views/accept-page';
import { ACCEPT_PAGE_MESSAGES, type AcceptPageMessages } from '../views/accept-page-messages';
import type { KoaContext } from '../koa';

interface RefusalDetails {
  reason?: string;
  role?: { name?: string };
  allowedEmailDomains?: string[];
}

interface StrapiError {
  name?: string;
  status?: number;
  message?: string;
  details?: RefusalDetails;
}

/** users-permissions' local sign-in refusals, by their words (it has no codes; pinned by the tests). */
const UNCONFIRMED = 'Your account email is not confirmed';
const BLOCKED = 'Your account has been blocked by an administrator';

/** What to tell a visitor whose sign-in failed; null for a server fault. */
const signInProblem = (error: unknown, messages: AcceptPageMessages): string | null => {
  const { name, message } = (error ?? {}) as StrapiError;
  if (message === UNCONFIRMED) return messages.signInUnconfirmed;
  if (message === BLOCKED) return messages.signInBlocked;
  return name === 'ValidationError' || name === 'ApplicationError' ? messages.signInFailed : null;
};

/** What to tell a signed-in member whose accept was refused (status and text); null for other errors. */
const acceptRefusal = (error: unknown, messages: AcceptPageMessages): { status: number; text: string } | null => {
  const { details = {} } = (error ?? {}) as StrapiError;
  switch (details.reason) {
    case ALREADY_ACCEPTED:
      return { status: 409, text: messages.alreadyAccepted };
    case SAME_ROLE:
      return { status: 409, text: messages.sameRole(details.role?.name ?? '') };
    case EMAIL_MISMATCH:
      return { status: 403, text: messages.emailMismatch };
    case EMAIL_DOMAIN_REFUSED:
      return { status: 403, text: messages.emailDomain(details.allowedEmailDomains ?? []) };
    case EXISTING_ACCOUNTS_NOT_ALLOWED:
      return { status: 403, text: messages.notAllowed };
    default:
      return null;
  }
};

/**
 * The hosted page for members who already have an account, on a link that lets them accept it:
 * sign in (users-permissions' own local sign-in), confirm what changes, accept. No script; each
 * form carries the page's CSRF value, and the confirmation a signed ticket of the sign-in.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const joinPage = () => getService(strapi, 'join-page');
  const acceptance = () => getService(strapi, 'acceptance');
  const messagesOf = (page: PageContext) => ACCEPT_PAGE_MESSAGES[page.locale];

  /**
   * The addresses of the steps, from the site's root (the prefix of `server.url` included): the
   * pages are served at two depths, so relative ones would not do.
   */
  const hrefs = (ctx: KoaContext, page: PageContext) => {
    const link = `${getService(strapi, 'links').joinPagePath()}/${encodeURIComponent(ctx.params.token)}`;
    return {
      signUp: keepLanguage(link, page),
      signIn: keepLanguage(`${link}/accept`, page),
      confirm: keepLanguage(`${link}/accept/confirm`, page),
    };
  };

  const sendMessage = (ctx: KoaContext, page: PageContext, status: number, title: string, text: string) =>
    joinPage().sendPage(ctx, page, status, renderMessagePage(page, title, text));

  /** The page for an unknown or unusable link, or for a refused accept; rethrows anything else. */
  const showRefusal = (ctx: KoaContext, page: PageContext, error: unknown) => {
    const linkProblem = joinPage().linkProblem(error, page.messages);
    if (linkProblem) return sendMessage(ctx, page, linkProblem.status, linkProblem.title, linkProblem.text);
    const refusal = acceptRefusal(error, messagesOf(page));
    if (!refusal) throw error;
    return sendMessage(ctx, page, refusal.status, messagesOf(page).notAcceptedTitle, refusal.text);
  };

  const showSignInForm = (ctx: KoaContext, page: PageContext, status: number, identifier = '', formError: string | null = null) =>
    joinPage().sendPage(
      ctx,
      page,
      status,
      renderSignInForm(page, {
        csrfToken: issueCsrfToken(ctx, getService(strapi, 'links').joinPagePath()),
        identifier,
        formError,
        action: hrefs(ctx, page).signIn,
        signUpHref: hrefs(ctx, page).signUp,
      })
    );

  /** Signs in through users-permissions' own controller: its checks of password, confirmation and blocking. */
  const signIn = async (ctx: KoaContext, identifier: string, password: string): Promise<number> => {
    ctx.request.body = { identifier, password };
    await strapi.controller(USERS_PERMISSIONS_AUTH).callback(ctx, async () => {});
    const user = (ctx.body as { user?: { id?: number } } | undefined)?.user;
    // Its answer (a JWT) never reaches the page.
    ctx.body = null;
    if (typeof user?.id !== 'number') throw new Error('users-permissions answered a sign-in without an account');
    return user.id;
  };

  const showConfirmation = async (ctx: KoaContext, page: PageContext, memberId: number) => {
    const member = await acceptance().signedInMemberById(memberId);
    const { role, previousRole } = await acceptance().preview(ctx.params.token, member);
    const csrfToken = issueCsrfToken(ctx, getService(strapi, 'links').joinPagePath());
    const { signIn: cancelHref, confirm: confirmAction } = hrefs(ctx, page);
    joinPage().sendPage(
      ctx,
      page,
      200,
      renderConfirmAccept(page, {
        csrfToken,
        ticket: acceptance().issueTicket(member.id, ctx.params.token, csrfToken),
        username: member.username,
        from: previousRole?.name ?? null,
        to: role.name,
        confirmAction,
        cancelHref,
      })
    );
  };

  const showAccepted = (ctx: KoaContext, page: PageContext, role: string, redirectUrl: string | null) => {
    if (redirectUrl) {
      joinPage().setSecurityHeaders(ctx, page);
      ctx.status = 303;
      ctx.redirect(redirectUrl);
      return;
    }
    const messages = messagesOf(page);
    sendMessage(ctx, page, 200, messages.acceptedTitle, messages.acceptedText(role));
  };

  const text = (body: Record<string, unknown>, field: string) => (typeof body[field] === 'string' ? (body[field] as string) : '');

  return {
    /** The sign-in form, or why the link cannot be accepted. */
    async show(ctx: KoaContext) {
      const page = joinPage().pageContext(ctx);
      try {
        const status = await getService(strapi, 'seats').publicStatus(ctx.params.token);
        if (!status.allowExistingAccounts) {
          return sendMessage(ctx, page, 403, messagesOf(page).notAcceptedTitle, messagesOf(page).notAllowed);
        }
      } catch (error) {
        return showRefusal(ctx, page, error);
      }
      return showSignInForm(ctx, page, 200);
    },

    /** Step 1 posted: signed in, the confirmation; otherwise the form again, or the refusal. */
    async signIn(ctx: KoaContext) {
      const page = joinPage().pageContext(ctx);
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      if (!isCsrfTokenValid(ctx, body.csrf)) return showSignInForm(ctx, page, 403, '', page.messages.formExpiredText);
      const identifier = text(body, 'identifier').trim();
      let memberId: number;
      try {
        memberId = await signIn(ctx, identifier, text(body, 'password'));
      } catch (error) {
        const problem = signInProblem(error, messagesOf(page));
        if (!problem) throw error;
        return showSignInForm(ctx, page, 400, identifier, problem);
      }
      try {
        await showConfirmation(ctx, page, memberId);
      } catch (error) {
        await showRefusal(ctx, page, error);
      }
    },

    /** Step 2 posted: the accept, then the link's page after it, or the page that says it is done. */
    async confirm(ctx: KoaContext) {
      const page = joinPage().pageContext(ctx);
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      const csrf = body.csrf;
      if (!isCsrfTokenValid(ctx, csrf)) return showSignInForm(ctx, page, 403, '', page.messages.formExpiredText);
      try {
        const member = await acceptance().memberFromTicket(body.ticket, ctx.params.token, csrf as string);
        const accepted = await acceptance().accept(ctx.params.token, member);
        showAccepted(ctx, page, accepted.role.name, accepted.redirectUrl);
      } catch (error) {
        if ((error as StrapiError)?.details?.reason === NOT_SIGNED_IN) {
          return showSignInForm(ctx, page, 401, '', messagesOf(page).signInExpired);
        }
        await showRefusal(ctx, page, error);
      }
    },
  };
};
