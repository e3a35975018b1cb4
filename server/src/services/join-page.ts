import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { EMAIL_DOMAIN_REFUSED, EMAIL_MISMATCH, PERSONAL_LINK_USED } from '../../../shared';
import { getService } from '../utils/get-service';
import { negotiateLanguage } from '../utils/language';
import { JOIN_PAGE_LOCALES, JOIN_PAGE_MESSAGES, type JoinPageMessages } from '../views/join-page-messages';
import type { FieldErrors, JoinField, PageContext } from '../views/join-page';
import type { KoaContext } from '../koa';

interface FieldRuleError {
  path?: string[];
  message?: string;
}

interface StrapiError {
  name?: string;
  status?: number;
  message?: string;
  details?: { reason?: string; errors?: FieldRuleError[] };
}

/** Why the link itself cannot be used: the page to show instead of the form. */
export interface LinkProblem {
  status: 404 | 410;
  title: string;
  text: string;
}

/** Why a filled-in form created no account: what to show next to the fields. */
export interface FormProblem {
  /** 403 for an address the link does not take, as the API answers; 400 for the rest. */
  status: 400 | 403;
  fieldErrors: FieldErrors;
  formError: string | null;
}

const JOIN_FIELDS: JoinField[] = ['username', 'email', 'password'];
const ACCOUNT_TAKEN = 'Email or Username are already taken';

const isJoinField = (value: unknown): value is JoinField => JOIN_FIELDS.includes(value as JoinField);

/**
 * users-permissions' English rule messages, said in the page's language. It has no error codes,
 * so its words are matched (pinned by the join-page tests); a message that changes upstream is
 * shown as users-permissions words it.
 */
const fieldMessage = (field: JoinField, message: string, messages: JoinPageMessages) => {
  if (/required/.test(message)) return messages.required;
  if (field === 'email' && /valid email/.test(message)) return messages.invalidEmail;
  if (field === 'password' && /73 bytes/.test(message)) return messages.passwordTooLong;
  // A site's own password rule (config validatePassword) speaks for itself.
  return message;
};

/** users-permissions' errors about the page's fields, the first one of each field. */
const joinFieldErrors = (errors: FieldRuleError[], messages: JoinPageMessages) => {
  const fieldErrors: FieldErrors = {};
  for (const { path = [], message = '' } of errors) {
    const field = path[0];
    if (isJoinField(field) && !fieldErrors[field]) fieldErrors[field] = fieldMessage(field, message, messages);
  }
  return fieldErrors;
};

/**
 * Tightens strapi::security's headers for a page whose URL holds a secret: nothing loads from
 * elsewhere, no Referer leaves the page, nothing is cached, and the form may only post here
 * (or be redirected to an allowed origin after sign-up).
 */
const setSecurityHeaders = (strapi: Core.Strapi, ctx: KoaContext, page: PageContext) => {
  const redirectOrigins = getService(strapi, 'first-access').redirectOrigins();
  ctx.set({
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src 'nonce-${page.styleNonce}'`,
      `form-action 'self'${redirectOrigins.map((origin) => ` ${origin}`).join('')}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Robots-Tag': 'noindex, nofollow',
    'X-Frame-Options': 'DENY',
    'Content-Language': page.locale,
    Vary: 'Accept-Language, Cookie',
  });
};

/**
 * The hosted sign-up page's rules: the visitor's language, the headers that keep the token on the
 * page, and what a failed registration means for the visitor.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  pageContext(ctx: KoaContext): PageContext {
    const { locale, explicit } = negotiateLanguage(JOIN_PAGE_LOCALES, 'en', {
      explicit: ctx.query?.lang,
      acceptLanguage: ctx.get('Accept-Language'),
    });
    return {
      locale,
      explicitLanguage: explicit,
      messages: JOIN_PAGE_MESSAGES[locale],
      styleNonce: crypto.randomBytes(16).toString('base64'),
    };
  },

  setSecurityHeaders: (ctx: KoaContext, page: PageContext) => setSecurityHeaders(strapi, ctx, page),

  /** Answers with one of the page's HTML documents, under the page's headers. */
  sendPage(ctx: KoaContext, page: PageContext, status: number, html: string) {
    setSecurityHeaders(strapi, ctx, page);
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  },

  /** The page for a link that is unknown (404) or can no longer be used (410); null for other errors. */
  linkProblem(error: unknown, messages: JoinPageMessages): LinkProblem | null {
    const { name, status, details } = (error ?? {}) as StrapiError;
    if (name === 'NotFoundError') return { status: 404, title: messages.notFoundTitle, text: messages.notFoundText };
    if (status !== 410) return null;
    if (details?.reason === PERSONAL_LINK_USED) return { status: 410, title: messages.usedTitle, text: messages.usedText };
    return details?.reason === 'exhausted'
      ? { status: 410, title: messages.exhaustedTitle, text: messages.exhaustedText }
      : { status: 410, title: messages.expiredTitle, text: messages.expiredText };
  },

  /** What to tell the visitor about a registration that was refused; null for a server fault. */
  formProblem(error: unknown, messages: JoinPageMessages): FormProblem | null {
    const { name, message = '', details } = (error ?? {}) as StrapiError;
    if (details?.reason === EMAIL_DOMAIN_REFUSED) {
      return { status: 403, fieldErrors: { email: messages.emailDomainRefused }, formError: null };
    }
    if (details?.reason === EMAIL_MISMATCH)
      return { status: 403, fieldErrors: { email: messages.emailMismatch }, formError: null };
    if (name === 'ValidationError' && details?.errors?.length) {
      const fieldErrors = joinFieldErrors(details.errors, messages);
      return { status: 400, fieldErrors, formError: Object.keys(fieldErrors).length ? null : messages.registrationFailed };
    }
    if (name === 'ApplicationError' && message === ACCOUNT_TAKEN)
      return { status: 400, fieldErrors: {}, formError: messages.accountTaken };
    if (name === 'ApplicationError' || name === 'ValidationError')
      return { status: 400, fieldErrors: {}, formError: messages.registrationFailed };
    return null;
  },
});
