import { escapeHtml } from '../../../shared';
import { ACCEPT_PAGE_MESSAGES } from './accept-page-messages';
import { labelledInput, layout, type PageContext } from './join-page';

export interface SignInFormState {
  csrfToken: string;
  identifier: string;
  /** Why the last try did not sign in; null on a first visit. */
  formError: string | null;
  /** Where the form posts: the sign-in step, wherever the form is shown again. */
  action: string;
  /** The sign-up form of the same link, for a visitor who has no account. */
  signUpHref: string;
}

export interface ConfirmState {
  csrfToken: string;
  /** The signed proof of the sign-in the confirmation rests on (services/acceptance.ts). */
  ticket: string;
  username: string;
  from: string | null;
  to: string;
  /** Where the confirmation posts (relative to the page). */
  confirmAction: string;
  cancelHref: string;
}

const messagesOf = (page: PageContext) => ACCEPT_PAGE_MESSAGES[page.locale];

const alert = (text: string | null) => (text ? `<div class="alert" role="alert"><p>${escapeHtml(text)}</p></div>` : '');

/** Step 1: the member signs in with the identifier and password of their account. */
export const renderSignInForm = (page: PageContext, state: SignInFormState) => {
  const messages = messagesOf(page);
  const content = `<h1>${escapeHtml(messages.signInTitle)}</h1>
<p>${escapeHtml(messages.signInIntro)}</p>
${alert(state.formError)}
<form method="post" action="${escapeHtml(state.action)}">
<input type="hidden" name="csrf" value="${escapeHtml(state.csrfToken)}">
${labelledInput({
  name: 'identifier',
  label: messages.identifier,
  attributes: 'type="text" autocomplete="username" maxlength="255"',
  value: state.identifier,
})}
${labelledInput({
  name: 'password',
  label: page.messages.password,
  attributes: 'type="password" autocomplete="current-password"',
  value: '',
})}
<button type="submit">${escapeHtml(messages.signInSubmit)}</button>
</form>
<p><a href="${escapeHtml(state.signUpHref)}">${escapeHtml(messages.createAccountLink)}</a></p>`;
  return layout(page, messages.signInTitle, content);
};

/** Step 2: what accepting changes, and the button that does it. */
export const renderConfirmAccept = (page: PageContext, state: ConfirmState) => {
  const messages = messagesOf(page);
  const content = `<h1>${escapeHtml(messages.confirmTitle)}</h1>
<p>${escapeHtml(messages.confirmText(state.username, state.from, state.to))}</p>
<form method="post" action="${escapeHtml(state.confirmAction)}">
<input type="hidden" name="csrf" value="${escapeHtml(state.csrfToken)}">
<input type="hidden" name="ticket" value="${escapeHtml(state.ticket)}">
<button type="submit">${escapeHtml(messages.confirmSubmit)}</button>
</form>
<p><a href="${escapeHtml(state.cancelHref)}">${escapeHtml(messages.cancel)}</a></p>`;
  // No language links: a GET in another language would drop the sign-in this step rests on.
  return layout(page, messages.confirmTitle, content, false);
};
