import { PLACEHOLDERS, placeholdersIn } from '../email/render';
import { CONTROL_CHARACTERS, isPlainObject } from '../validation/text';
import { BUILT_IN_TEMPLATES, type EmailTemplate } from '../email/templates';
import { LANGUAGE_TAG_PATTERN } from '../../../shared';

/** The `email` section of the plugin's config: how "Send invitation" writes and sends its emails. */
export interface EmailConfig {
  /** The site's name in the emails. Null: the host name of the invitation links. */
  siteName: string | null;
  /** How many emails are handed to the email provider at once. */
  concurrency: number;
  /**
   * Per language (`en`, `fr`, `de`...): the parts to change in the shipped template. A language
   * that is not shipped must give all four parts.
   */
  templates: Record<string, Partial<EmailTemplate>>;
}

export const emailDefaults: EmailConfig = { siteName: null, concurrency: 5, templates: {} };

const MAX_CONCURRENCY = 50;
const TEMPLATE_PARTS = ['subject', 'message', 'text', 'html'] as const;
/** What each part may use: the message is offered to the admin before the link or date exist. */
const ALLOWED_PLACEHOLDERS: Record<(typeof TEMPLATE_PARTS)[number], readonly string[]> = {
  subject: ['siteName', 'senderName'],
  message: ['siteName', 'senderName'],
  text: PLACEHOLDERS,
  html: PLACEHOLDERS,
};

const validateTemplatePart = (where: string, part: (typeof TEMPLATE_PARTS)[number], value: unknown) => {
  if (typeof value !== 'string' || value.trim().length === 0) throw new Error(`${where}.${part} must be a non-empty string`);
  const unknown = placeholdersIn(value).find((name) => !ALLOWED_PLACEHOLDERS[part].includes(name));
  if (unknown) {
    throw new Error(
      `${where}.${part} uses {{${unknown}}}; it may use ${ALLOWED_PLACEHOLDERS[part].map((n) => `{{${n}}}`).join(', ')}`
    );
  }
  if (part === 'subject' && /[\r\n]/.test(value)) throw new Error(`${where}.subject must be one line`);
  if ((part === 'text' || part === 'html') && !placeholdersIn(value).includes('link')) {
    throw new Error(`${where}.${part} must contain {{link}}`);
  }
};

const validateTemplate = (locale: string, template: unknown) => {
  const where = `email.templates.${locale}`;
  if (!LANGUAGE_TAG_PATTERN.test(locale))
    throw new Error(`email.templates: "${locale}" is not a language code such as "en" or "pt-BR"`);
  if (!isPlainObject(template)) throw new Error(`${where} must be an object`);
  const unknownPart = Object.keys(template).find((key) => !(TEMPLATE_PARTS as readonly string[]).includes(key));
  if (unknownPart) throw new Error(`${where}.${unknownPart} is not a template part (${TEMPLATE_PARTS.join(', ')})`);
  for (const part of TEMPLATE_PARTS) {
    if (template[part] !== undefined) validateTemplatePart(where, part, template[part]);
    else if (!BUILT_IN_TEMPLATES[locale]) throw new Error(`${where}.${part} is required: "${locale}" is not a shipped language`);
  }
};

export const validateEmailConfig = (email: unknown) => {
  if (!isPlainObject(email)) throw new Error('email must be an object');
  const { siteName } = email;
  if (siteName !== null && (typeof siteName !== 'string' || siteName.trim().length === 0 || CONTROL_CHARACTERS.test(siteName))) {
    throw new Error('email.siteName must be a non-empty line of text or null');
  }
  const { concurrency } = email;
  if (typeof concurrency !== 'number' || !Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw new Error(`email.concurrency must be a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  if (!isPlainObject(email.templates)) throw new Error('email.templates must be an object keyed by language');
  for (const [locale, template] of Object.entries(email.templates)) validateTemplate(locale, template);
};
