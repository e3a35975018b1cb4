/**
 * Personal links ("A personal link for each person"): the rules both sides apply to a recipient.
 */
import type { RecipientStatus } from './api';

export const RECIPIENT_STATUSES: readonly RecipientStatus[] = ['pending', 'accepted', 'revoked'];

/** How the recipients table shows a recipient: a pending one whose link expired is `expired`. */
export type RecipientDisplayStatus = RecipientStatus | 'expired';

export const recipientDisplayStatus = (
  status: RecipientStatus,
  linkExpiresAt: string | Date,
  now = new Date()
): RecipientDisplayStatus => (status === 'pending' && new Date(linkExpiresAt).getTime() <= now.getTime() ? 'expired' : status);

/** Days before a link expires when its pending recipients may be reminded (`remindBeforeDays`). */
export const REMIND_BEFORE_DAYS = { min: 1, max: 365 } as const;

/** `details.reason` of the 403 for a sign-up through a personal link with another address. */
export const EMAIL_MISMATCH = 'email-mismatch';

/** `details.reason` of the 410 for a personal link that already made its account. */
export const PERSONAL_LINK_USED = 'used';

/** How an address is compared with the one a personal link is for: trimmed, without case. */
export const normalizeRecipientEmail = (email: string): string => email.trim().toLowerCase();

export const isSameRecipientEmail = (a: string, b: string): boolean => normalizeRecipientEmail(a) === normalizeRecipientEmail(b);

/**
 * Each address's own language, by normalizeRecipientEmail: the first one given for it (an entry
 * without a language, or with an empty one, gives none).
 */
export const languagesByAddress = (entries: ReadonlyArray<{ email: string; language?: string }>): Map<string, string> => {
  const languages = new Map<string, string>();
  for (const { email, language } of entries) {
    const key = normalizeRecipientEmail(email);
    if (language && !languages.has(key)) languages.set(key, language);
  }
  return languages;
};
