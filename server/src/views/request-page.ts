import {
  ACCESS_REQUEST_HONEYPOT_FIELD,
  ACCESS_REQUEST_MESSAGE_MAX_LENGTH,
  ACCESS_REQUEST_NAME_MAX_LENGTH,
  escapeHtml,
} from '../../../shared';
import { formPageOpening, labelledInput, layout, type PageContext } from './join-page';
import { REQUEST_PAGE_MESSAGES } from './request-page-messages';

export type RequestField = 'email' | 'name' | 'message';

export interface RequestFormState {
  csrfToken: string;
  values: Partial<Record<RequestField, string>>;
  fieldErrors: Partial<Record<RequestField, string>>;
  /** Above the form: why it came back (its CSRF value expired). */
  formError: string | null;
}

/**
 * A field people never see nor reach with the keyboard, and screen readers skip: only a bot that
 * fills in every field fills it in.
 */
const honeypot = () => `<div class="trap" aria-hidden="true">
<label for="${ACCESS_REQUEST_HONEYPOT_FIELD}">Website</label>
<input id="${ACCESS_REQUEST_HONEYPOT_FIELD}" name="${ACCESS_REQUEST_HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off" value="">
</div>`;

/** The form that asks for an invitation: an address, and optionally a name and a few words. */
export const renderRequestForm = (page: PageContext, state: RequestFormState) => {
  const messages = REQUEST_PAGE_MESSAGES[page.locale];
  const { values, fieldErrors } = state;
  const opening = { title: messages.title, intro: messages.intro, alert: state.formError, csrfToken: state.csrfToken };
  const content = `${formPageOpening(opening)}
${labelledInput({
  name: 'email',
  label: messages.email,
  attributes: 'type="email" autocomplete="email" maxlength="254"',
  value: values.email ?? '',
  error: fieldErrors.email,
})}
${labelledInput({
  name: 'name',
  label: messages.name,
  attributes: `type="text" autocomplete="name" maxlength="${ACCESS_REQUEST_NAME_MAX_LENGTH}"`,
  value: values.name ?? '',
  hint: messages.optional,
  error: fieldErrors.name,
  required: false,
})}
${labelledInput({
  name: 'message',
  label: messages.message,
  attributes: `rows="4" maxlength="${ACCESS_REQUEST_MESSAGE_MAX_LENGTH}"`,
  value: values.message ?? '',
  hint: messages.messageHint(ACCESS_REQUEST_MESSAGE_MAX_LENGTH),
  error: fieldErrors.message,
  required: false,
  multiline: true,
})}
${honeypot()}
<button type="submit">${escapeHtml(messages.submit)}</button>
</form>`;
  return layout(page, messages.title, content);
};
