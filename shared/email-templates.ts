/**
 * The emails' templates: what they may use, how they are filled and escaped. Pure, so that the
 * server sending an email and the admin's live preview apply one and the same rule.
 */

/**
 * What templates may use. `{{name}}` is replaced by the value; `{{#name}}…{{/name}}` is kept only
 * when the value is not empty.
 */
export const PLACEHOLDERS = ['siteName', 'senderName', 'link', 'expiresAt', 'message', 'subject'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type TemplateValues = Record<Placeholder, string>;

const SECTION = /\{\{#(\w+)\}\}([\s\S]*?)\{\{\/\1\}\}/g;
const VARIABLE = /\{\{(\w+)\}\}/g;
const ANY_TAG = /\{\{[#/]?(\w+)\}\}/g;
const SECTION_TAG = /\{\{[#/]\w+\}\}/;

/** The names a template uses. */
export const placeholdersIn = (template: string): string[] => Array.from(template.matchAll(ANY_TAG), (match) => match[1]);

/** True when every `{{#name}}` has its `{{/name}}` after it, and no closing tag stands alone. */
export const sectionsAreClosed = (template: string) => !SECTION_TAG.test(template.replace(SECTION, ''));

/**
 * Fills a template: its sections, then its variables. Values go in only in the last step and are
 * never read as a template themselves, so `{{link}}` typed by an admin stays as typed. `escape`
 * is given each value and the name of its variable.
 */
export const renderTemplate = (
  template: string,
  values: Partial<TemplateValues>,
  escape: (value: string, name: Placeholder) => string = (value) => value
) =>
  template
    .replace(SECTION, (_section, name: Placeholder, inner: string) => (values[name] ? inner : ''))
    .replace(VARIABLE, (tag, name: Placeholder) => (values[name] === undefined ? tag : escape(values[name] as string, name)));

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]);

/** For the HTML part: every value escaped, the admin's line breaks kept. */
export const escapeForHtml = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>\n');

/** The emails an admin can edit in Settings > Invitations > Email templates. */
export const EMAIL_KINDS = ['invitation', 'personal-invitation', 'access-request-declined'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const TEMPLATE_SUBJECT_MAX_LENGTH = 200;
export const TEMPLATE_BODY_MAX_LENGTH = 10000;

/**
 * What each part of an edited template may use, per kind. The subject is written before the
 * link and the date exist (the send dialog offers it to the admin), hence its shorter list.
 */
export const TEMPLATE_VARIABLES: Record<EmailKind, { subject: readonly Placeholder[]; body: readonly Placeholder[] }> = {
  invitation: { subject: ['siteName', 'senderName'], body: PLACEHOLDERS },
  'personal-invitation': { subject: ['siteName', 'senderName'], body: PLACEHOLDERS },
  // The answer to a declined access request: no link, no sender (a reviewer's name is the site's business).
  'access-request-declined': { subject: ['siteName'], body: ['siteName', 'message', 'subject'] },
};

/** The variable no body may go without: an email must never go out without its link. */
export const REQUIRED_BODY_VARIABLE: Placeholder = 'link';

/** Whether a kind's body must contain the link: the emails that carry one. */
export const requiresLink = (kind: EmailKind) =>
  (TEMPLATE_VARIABLES[kind].body as readonly string[]).includes(REQUIRED_BODY_VARIABLE);

const LINK_STYLE = 'color:#4945ff;word-break:break-all';

/** The link as HTML: the address, escaped, that can be clicked. */
const htmlLink = (url: string) => `<a href="${escapeHtml(url)}" style="${LINK_STYLE}">${escapeHtml(url)}</a>`;

/**
 * The HTML part of an email from an edited body, which is plain text: the text itself and every
 * value escaped (no HTML gets in, neither through the body nor through a variable), line breaks
 * kept, the link clickable.
 */
export const renderBodyAsHtml = (body: string, values: Partial<TemplateValues>, language: string) => {
  const content = renderTemplate(escapeForHtml(body), values, (value, name) =>
    name === REQUIRED_BODY_VARIABLE ? htmlLink(value) : escapeForHtml(value)
  );
  return `<!DOCTYPE html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(values.subject ?? '')}</title>
</head>
<body style="margin:0;padding:24px;background:#f6f6f9;color:#32324d;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
<div style="max-width:560px;margin:0 auto;padding:32px;background:#ffffff;border-radius:8px;font-size:16px;line-height:1.5">
${content}
</div>
</body>
</html>
`;
};

/** What is wrong with one part of a template: the server says it in English, the admin page in the admin's language. */
export type TemplateProblem =
  | { code: 'unknown-variable'; part: 'subject' | 'body'; variable: string; allowed: readonly Placeholder[] }
  | { code: 'open-section'; part: 'subject' | 'body' }
  | { code: 'missing-link'; part: 'body' };

const tag = (name: string) => `{{${name}}}`;

/** What is wrong with one part of a template, or null. The server's validation and the admin's form both ask. */
export const templatePartProblem = (kind: EmailKind, part: 'subject' | 'body', template: string): TemplateProblem | null => {
  const allowed = TEMPLATE_VARIABLES[kind][part];
  const unknown = placeholdersIn(template).find((name) => !(allowed as readonly string[]).includes(name));
  if (unknown) return { code: 'unknown-variable', part, variable: unknown, allowed };
  if (!sectionsAreClosed(template)) return { code: 'open-section', part };
  // Outside any section: a section's text may be left out of the email.
  if (part === 'body' && requiresLink(kind) && !template.replace(SECTION, '').includes(tag(REQUIRED_BODY_VARIABLE))) {
    return { code: 'missing-link', part };
  }
  return null;
};

/** The problem in English words naming the culprit, as the admin API's 400 says it. */
export const describeTemplateProblem = (problem: TemplateProblem): string => {
  switch (problem.code) {
    case 'unknown-variable':
      return `${problem.part} uses ${tag(problem.variable)}, which is not a variable of this email; it may use ${problem.allowed.map(tag).join(', ')}`;
    case 'open-section':
      return `${problem.part} opens a {{#section}} it does not close with {{/section}}`;
    case 'missing-link':
      return `body must contain ${tag(REQUIRED_BODY_VARIABLE)} outside any section: an invitation email cannot go out without its link`;
  }
};
