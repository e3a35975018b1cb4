import { escapeHtml } from '../views/join-page';

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

/** The names a template uses, for checking templates from the config. */
export const placeholdersIn = (template: string): string[] => Array.from(template.matchAll(ANY_TAG), (match) => match[1]);

/**
 * Fills a template: its sections, then its variables. Values go in only in the last step and are
 * never read as a template themselves, so `{{link}}` typed by an admin stays as typed.
 */
export const renderTemplate = (
  template: string,
  values: Partial<TemplateValues>,
  escape: (value: string) => string = (value) => value
) =>
  template
    .replace(SECTION, (_section, name: Placeholder, inner: string) => (values[name] ? inner : ''))
    .replace(VARIABLE, (tag, name: Placeholder) => (values[name] === undefined ? tag : escape(values[name] as string)));

/** For the HTML part: every value escaped, the admin's line breaks kept. */
export const escapeForHtml = (value: string) => escapeHtml(value).replace(/\r?\n/g, '<br>\n');
