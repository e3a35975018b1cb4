import { escapeHtml, LANGUAGE_NAMES } from '../../../shared';
import { ACCEPT_PAGE_MESSAGES } from './accept-page-messages';
import { CODE_PAGE_MESSAGES } from './code-page-messages';
import { REQUEST_PAGE_MESSAGES } from './request-page-messages';
import { JOIN_PAGE_LOCALES, type JoinPageLocale, type JoinPageMessages } from './join-page-messages';

export type JoinField = 'username' | 'email' | 'password';
export type FieldErrors = Partial<Record<JoinField, string>>;

export interface PageContext {
  locale: JoinPageLocale;
  /** The language was asked for in the address (`?lang=`): links to the page keep asking for it. */
  explicitLanguage: boolean;
  messages: JoinPageMessages;
  /** Lets the page's one inline style block through the Content-Security-Policy. */
  styleNonce: string;
}

export interface FormState {
  welcomeMessage: string | null;
  expiresAt: string;
  /** The link's domains, said under the email field; empty: any address. */
  allowedEmailDomains: string[];
  /** A personal link's address: the email field shows it and cannot be changed. */
  personalEmail?: string;
  /** Where a member with an account accepts the link instead (allowExistingAccounts); none: new accounts only. */
  acceptHref?: string;
  /** The code typed by hand the form was opened with: posted again with the form, in place of a token in the address. */
  code?: string;
  csrfToken: string;
  values: { username?: string; email?: string };
  fieldErrors: FieldErrors;
  formError: string | null;
}

/** Paragraphs from the admin's plain text: blank lines split them, single line breaks stay. */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');

const formatDate = (iso: string, locale: JoinPageLocale) =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso))} UTC`;

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f6f6f9; color: #32324d; }
  main { max-width: 28rem; margin: 3rem auto; padding: 2rem; background: #fff; border-radius: 8px;
         box-shadow: 0 1px 4px rgba(33, 33, 52, 0.1); }
  h1 { font-size: 1.5rem; margin-top: 0; }
  .welcome { border-left: 4px solid #4945ff; padding: 0.25rem 1rem; margin: 1rem 0; background: #f0f0ff; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input, textarea { display: block; width: 100%; box-sizing: border-box; padding: 0.6rem; margin-top: 0.25rem;
          font: inherit; border: 1px solid #8e8ea9; border-radius: 4px; }
  input[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: #d02b20; }
  .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .hint { color: #666687; font-size: 0.875rem; margin: 0.25rem 0 0; }
  .field-error, .alert { color: #b72b1a; }
  .field-error { font-size: 0.875rem; margin: 0.25rem 0 0; }
  .alert { border: 1px solid #f5c0b8; background: #fcecea; padding: 0.75rem 1rem; border-radius: 4px; }
  button { margin-top: 1.5rem; width: 100%; padding: 0.75rem; font: inherit; font-weight: 600; color: #fff;
           background: #4945ff; border: 0; border-radius: 4px; cursor: pointer; }
  button:focus-visible, input:focus-visible, textarea:focus-visible, a:focus-visible { outline: 2px solid #4945ff; outline-offset: 2px; }
  .note { color: #666687; font-size: 0.875rem; }
  .languages ul { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0.25rem 0.75rem;
                  list-style: none; margin: 0 0 1rem; padding: 0; font-size: 0.875rem; }
  .languages a { color: #4945ff; }
  @media (prefers-color-scheme: dark) {
    body { background: #181826; color: #eaeaef; } main { background: #212134; }
    .welcome { background: #2a2a45; } .hint, .note { color: #a5a5ba; } .languages a { color: #7b79ff; }
    input, textarea { background: #181826; color: inherit; } .alert { background: #4a1d1d; }
  }
`;

/** `href` asking for the page's language when the visitor chose it in the address. */
export const keepLanguage = (href: string, { locale, explicitLanguage }: PageContext) =>
  explicitLanguage ? `${href}?lang=${encodeURIComponent(locale)}` : href;

/**
 * Plain links to this same address in each other language: no script, a GET that shows a new form
 * (with its own CSRF value) in the language chosen.
 */
const languageLinks = ({ locale, messages }: PageContext) => {
  const items = JOIN_PAGE_LOCALES.map((code) =>
    code === locale
      ? `<li><strong lang="${code}" aria-current="true">${escapeHtml(LANGUAGE_NAMES[code])}</strong></li>`
      : `<li><a href="?lang=${encodeURIComponent(code)}" hreflang="${code}" lang="${code}">${escapeHtml(LANGUAGE_NAMES[code])}</a></li>`
  );
  return `<nav class="languages" aria-label="${escapeHtml(messages.languages)}"><ul>${items.join('')}</ul></nav>
`;
};

export const layout = (page: PageContext, title: string, content: string, withLanguageLinks = true) => `<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escapeHtml(title)}</title>
<style nonce="${page.styleNonce}">${STYLE}</style>
</head>
<body>
<main>
${withLanguageLinks ? languageLinks(page) : ''}${content}
</main>
</body>
</html>
`;

export interface LabelledField {
  name: string;
  label: string;
  attributes: string;
  value: string;
  hint?: string;
  error?: string;
  /** Default true. */
  required?: boolean;
  /** A multi-line text area instead of an input. */
  multiline?: boolean;
}

/** A labelled input, with its hint and its error under it, tied to them for screen readers. */
export const labelledInput = (field: LabelledField) => {
  const { name, label, attributes, value, hint, error, required = true, multiline = false } = field;
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ');
  const opening = `id="${name}" name="${name}" ${attributes}${required ? ' required' : ''}`;
  const state = `${error ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}`;
  const control = multiline
    ? `<textarea ${opening}${state}>${escapeHtml(value)}</textarea>`
    : `<input ${opening} value="${escapeHtml(value)}"${state}>`;
  return `<label for="${name}">${escapeHtml(label)}</label>
${control}
${hint ? `<p class="hint" id="${name}-hint">${escapeHtml(hint)}</p>` : ''}
${error ? `<p class="field-error" id="${name}-error">${escapeHtml(error)}</p>` : ''}`;
};

const inputField = ({ messages }: PageContext, state: FormState, field: JoinField, attributes: string, hint?: string) =>
  labelledInput({
    name: field,
    label: messages[field],
    attributes,
    value: field === 'password' ? '' : (state.values[field] ?? ''),
    hint,
    error: state.fieldErrors[field],
  });

const emailHint = (messages: JoinPageMessages, { allowedEmailDomains, personalEmail }: FormState) => {
  if (personalEmail !== undefined) return messages.personalEmailHint;
  return allowedEmailDomains.length > 0 ? messages.emailDomainsHint(allowedEmailDomains) : undefined;
};

const emailAttributes = ({ personalEmail }: FormState) =>
  `type="email" autocomplete="email" maxlength="255"${personalEmail === undefined ? '' : ' readonly'}`;

/** The sign-up form, with the invitation's welcome text and any errors of a previous try. */
export const renderJoinForm = (page: PageContext, state: FormState) => {
  const { messages } = page;
  const hasErrors = Boolean(state.formError) || Object.keys(state.fieldErrors).length > 0;
  const content = `<h1>${escapeHtml(messages.formTitle)}</h1>
${state.welcomeMessage ? `<div class="welcome">${paragraphs(state.welcomeMessage)}</div>` : ''}
<p>${escapeHtml(messages.formIntro)}</p>
${hasErrors ? `<div class="alert" role="alert"><p>${escapeHtml(state.formError ?? messages.errorSummary)}</p></div>` : ''}
<form method="post">
<input type="hidden" name="csrf" value="${escapeHtml(state.csrfToken)}">
${state.code === undefined ? '' : `<input type="hidden" name="code" value="${escapeHtml(state.code)}">\n`}${inputField(page, state, 'username', 'type="text" autocomplete="username" maxlength="255"')}
${inputField(page, state, 'email', emailAttributes(state), emailHint(messages, state))}
${inputField(page, state, 'password', 'type="password" autocomplete="new-password" minlength="6"', messages.passwordHint)}
<button type="submit">${escapeHtml(messages.submit)}</button>
</form>
<p class="note">${escapeHtml(messages.expiresOn(formatDate(state.expiresAt, page.locale)))}</p>
${
  state.acceptHref
    ? `<p><a href="${escapeHtml(state.acceptHref)}">${escapeHtml(ACCEPT_PAGE_MESSAGES[page.locale].acceptLink)}</a></p>`
    : `<p class="note">${escapeHtml(messages.existingAccount)}</p>`
}`;
  return layout(page, messages.formTitle, content);
};

/**
 * A page with a title and a text and no form: errors, and the confirmation of a new account (which
 * has no language links: they would lead back to the form).
 */
export const renderMessagePage = (
  page: PageContext,
  title: string,
  text: string,
  link?: { href: string; label: string },
  { languageLinks: withLanguageLinks = true } = {}
) =>
  layout(
    page,
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a></p>` : ''}`,
    withLanguageLinks
  );

/** A form page's heading and introduction, an alert if any, and the form's opening with its CSRF value. */
export const formPageOpening = (opening: { title: string; intro: string; alert?: string | null; csrfToken: string }) =>
  `<h1>${escapeHtml(opening.title)}</h1>
<p>${escapeHtml(opening.intro)}</p>
${opening.alert ? `<div class="alert" role="alert"><p>${escapeHtml(opening.alert)}</p></div>` : ''}
<form method="post">
<input type="hidden" name="csrf" value="${escapeHtml(opening.csrfToken)}">`;

/**
 * The page of a code typed by hand: one field, then the link's own form. `requestHref`: where a
 * visitor without a code asks for an invitation, when the site takes requests.
 */
export const renderCodeForm = (
  page: PageContext,
  state: { csrfToken: string; code: string; error: string | null; requestHref?: string }
) => {
  const messages = CODE_PAGE_MESSAGES[page.locale];
  const content = `${formPageOpening({ title: messages.title, intro: messages.intro, csrfToken: state.csrfToken })}
${labelledInput({
  name: 'code',
  label: messages.label,
  attributes: 'type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64"',
  value: state.code,
  error: state.error ?? undefined,
})}
<button type="submit">${escapeHtml(messages.submit)}</button>
</form>
${state.requestHref ? `<p><a href="${escapeHtml(state.requestHref)}">${escapeHtml(REQUEST_PAGE_MESSAGES[page.locale].askLink)}</a></p>` : ''}`;
  return layout(page, messages.title, content);
};
