import type { Core } from '@strapi/strapi';
import {
  ACCESS_REQUEST_HONEYPOT_FIELD,
  ACCESS_REQUEST_MESSAGE_MAX_LENGTH,
  ACCESS_REQUEST_NAME_MAX_LENGTH,
} from '../../../shared';
import { PLUGIN_ID } from '../constants';
import type { RequestAccessConfig } from '../config';
import { getService } from '../utils/get-service';
import { isCsrfTokenValid, issueCsrfToken } from '../utils/csrf';
import { renderMessagePage, type PageContext } from '../views/join-page';
import { renderRequestForm, type RequestField, type RequestFormState } from '../views/request-page';
import { REQUEST_PAGE_MESSAGES } from '../views/request-page-messages';
import type { KoaContext } from '../koa';
import { validateAccessRequestSubmission } from '../validation/access-requests';

type RequestValues = Record<RequestField, string>;

/** The form's fields; anything but a string (a repeated field, say) counts as empty. */
const readForm = (body: Record<string, unknown>): RequestValues => {
  const text = (field: string) => (typeof body[field] === 'string' ? (body[field] as string).trim() : '');
  return { email: text('email'), name: text('name'), message: text('message') };
};

/** The hidden field as a bot filled it in; bounded, so that a huge one is a bot's too, not a bad request. */
const readHoneypot = (body: Record<string, unknown>) => {
  const value = body[ACCESS_REQUEST_HONEYPOT_FIELD];
  return typeof value === 'string' && value !== '' ? value.slice(0, 1) : '';
};

const MAX_LENGTHS: Partial<Record<RequestField, number>> = {
  name: ACCESS_REQUEST_NAME_MAX_LENGTH,
  message: ACCESS_REQUEST_MESSAGE_MAX_LENGTH,
};

/** Why the API's rule refused a field, said in the page's language from what the field holds. */
const refusalOf = (field: RequestField, values: RequestValues, page: PageContext) => {
  const messages = REQUEST_PAGE_MESSAGES[page.locale];
  if (field === 'email') return values.email ? page.messages.invalidEmail : page.messages.required;
  const max = MAX_LENGTHS[field] as number;
  return values[field].length > max ? messages.tooLong(max) : messages.invalidText;
};

/**
 * The fields the API's rule (the one rule, validateAccessRequestSubmission) refused, each with
 * its reason in the page's language; null for an error that is not about them.
 */
const refusedFields = (error: unknown, values: RequestValues, page: PageContext): RequestFormState['fieldErrors'] | null => {
  const { name, details } = (error ?? {}) as { name?: string; details?: { errors?: Array<{ path?: string[] }> } };
  if (name !== 'ValidationError') return null;
  const fields = (details?.errors ?? [])
    .map(({ path = [] }) => path[0])
    .filter((field): field is RequestField => ['email', 'name', 'message'].includes(field as string));
  return Object.fromEntries(
    (fields.length > 0 ? fields : ['email' as const]).map((field) => [field, refusalOf(field, values, page)])
  );
};

/**
 * The hosted page where people without a link ask for one (`/invitations/request`), for sites with
 * no front end of their own: a server-rendered form, no script, CSRF-protected, that sends the
 * request through the same rule as `POST /api/invitations/requests` and answers the same whatever
 * became of it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const joinPage = () => getService(strapi, 'join-page');
  const isOpen = () => (strapi.config.get(`plugin::${PLUGIN_ID}.requestAccess`) as RequestAccessConfig).enabled;

  const showMessage = (ctx: KoaContext, page: PageContext, status: number, title: string, text: string) =>
    joinPage().sendPage(ctx, page, status, renderMessagePage(page, title, text));

  const showClosed = (ctx: KoaContext, page: PageContext) => {
    const { closedTitle, closedText } = REQUEST_PAGE_MESSAGES[page.locale];
    return showMessage(ctx, page, 404, closedTitle, closedText);
  };

  const showForm = (ctx: KoaContext, page: PageContext, status: number, previousTry: Partial<RequestFormState> = {}) => {
    const csrfToken = issueCsrfToken(ctx, getService(strapi, 'links').requestPagePath());
    const form: RequestFormState = { csrfToken, values: {}, fieldErrors: {}, formError: null, ...previousTry };
    joinPage().sendPage(ctx, page, status, renderRequestForm(page, form));
  };

  return {
    async show(ctx: KoaContext) {
      const page = joinPage().pageContext(ctx);
      if (!isOpen()) return showClosed(ctx, page);
      showForm(ctx, page, 200);
    },

    async submit(ctx: KoaContext) {
      const page = joinPage().pageContext(ctx);
      if (!isOpen()) return showClosed(ctx, page);
      const body = (ctx.request.body ?? {}) as Record<string, unknown>;
      const values = readForm(body);
      if (!isCsrfTokenValid(ctx, body.csrf)) {
        return showForm(ctx, page, 403, { values, formError: REQUEST_PAGE_MESSAGES[page.locale].formExpired });
      }
      let submission;
      try {
        // The API's own rule: the page stores nothing the API would refuse.
        submission = await validateAccessRequestSubmission({ ...values, [ACCESS_REQUEST_HONEYPOT_FIELD]: readHoneypot(body) });
      } catch (error) {
        const refused = refusedFields(error, values, page);
        if (!refused) throw error;
        return showForm(ctx, page, 400, { values, fieldErrors: refused });
      }
      await getService(strapi, 'access-requests').submit(submission);
      const { receivedTitle, receivedText } = REQUEST_PAGE_MESSAGES[page.locale];
      showMessage(ctx, page, 202, receivedTitle, receivedText);
    },
  };
};
