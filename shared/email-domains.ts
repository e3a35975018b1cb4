/**
 * The email domains a link may be limited to. Shared by the server (which validates the list and
 * refuses sign-ups from other domains) and the admin panel (which marks bad entries as they are
 * typed), so both apply the same rule.
 *
 * An entry is `example.com` (addresses at exactly that domain) or `*.example.com` (addresses at any
 * of its subdomains, `a.example.com` or `b.a.example.com`, but not at `example.com` itself: list
 * both to allow both). Compared without case. An empty list allows any address.
 */
import { isDomainName } from './email-addresses';

/** The most entries one link may list. */
export const MAX_ALLOWED_EMAIL_DOMAINS = 50;

/** `details.reason` of the 403 for an address outside the link's domains. */
export const EMAIL_DOMAIN_REFUSED = 'email-domain';

const WILDCARD = '*.';

/** The entry trimmed and lower-cased when it is `example.com` or `*.example.com`; null otherwise. */
export const normaliseDomainEntry = (entry: string): string | null => {
  const value = entry.trim().toLowerCase();
  const domain = value.startsWith(WILDCARD) ? value.slice(WILDCARD.length) : value;
  return isDomainName(domain) ? value : null;
};

export const isDomainEntry = (entry: string): boolean => normaliseDomainEntry(entry) !== null;

/** Typed or pasted entries: separated by commas, semicolons, spaces or new lines. */
export const splitDomainEntries = (text: string): string[] => text.split(/[\s,;]+/).filter((part) => part.length > 0);

/** The entries trimmed, the valid ones normalised, each once, in their order. */
export const uniqueDomainEntries = (entries: string[]): string[] => [
  ...new Set(entries.map((entry) => normaliseDomainEntry(entry) ?? entry.trim())),
];

const isAllowedBy = (domain: string, entry: string): boolean => {
  const normalised = entry.toLowerCase();
  if (!normalised.startsWith(WILDCARD)) return domain === normalised;
  // '.example.com': a subdomain ends with it, and 'badexample.com' does not.
  const suffix = normalised.slice(WILDCARD.length - 1);
  return domain.endsWith(suffix) && domain.length > suffix.length;
};

/**
 * Whether the address may use a link limited to `domains`: any address when the list is empty;
 * otherwise an address whose domain (after its last `@`, without case) one entry allows. Anything
 * that is not a string with a domain name after an `@` is refused.
 */
export const isEmailInDomains = (email: unknown, domains: readonly string[] | null | undefined): boolean => {
  if (!domains || domains.length === 0) return true;
  if (typeof email !== 'string') return false;
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1).toLowerCase();
  return at > 0 && isDomainName(domain) && domains.some((entry) => isAllowedBy(domain, entry));
};
