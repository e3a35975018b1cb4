/**
 * Recipients with a language of their own (a CSV file's `language` column): what the send dialog
 * asks for them, and how many of them do not read the email's language.
 */
import { matchLanguage, normalizeRecipientEmail, type RecipientWithLanguage } from '../../../shared';

/** The send request's entries: an address with its own language as `{ email, language }`, the others as they are. */
export const withLanguages = (emails: string[], languages: Map<string, string>): Array<string | RecipientWithLanguage> =>
  emails.map((email) => {
    const language = languages.get(normalizeRecipientEmail(email));
    return language ? { email, language } : email;
  });

/** How many of `emails` get their email in another language than `language`, the dialog's. */
export const otherLanguageCount = (emails: string[], languages: Map<string, string>, language: string): number =>
  emails.filter((email) => {
    const own = languages.get(normalizeRecipientEmail(email));
    return own !== undefined && matchLanguage([language], own) === undefined;
  }).length;
