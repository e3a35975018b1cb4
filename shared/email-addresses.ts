/**
 * Email addresses as admins paste them. Shared by the server (which refuses bad ones) and the admin
 * panel (which points them out before anything is sent), so both apply the same rule.
 */

/** The most addresses one send request may list. */
export const MAX_RECIPIENTS = 1000;
/** RFC 5321: 254 characters for a whole address, 64 for its local part. */
const ADDRESS_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;
/** RFC 1035: 253 characters for a domain name written out. */
const DOMAIN_MAX_LENGTH = 253;

const LOCAL_PART = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}]([\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL_DOMAIN = /^(\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

/** A domain name of at least two labels (`example.com`), with a top-level domain; no IP address. */
export const isDomainName = (value: string): boolean => {
  const labels = value.split('.');
  return (
    value.length <= DOMAIN_MAX_LENGTH &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL_DOMAIN.test(labels[labels.length - 1])
  );
};

/**
 * An address a mail server can deliver to: `local@domain.tld`, no quoted local parts, no IP
 * literals, no display name.
 */
export const isEmailAddress = (value: string): boolean => {
  if (value.length > ADDRESS_MAX_LENGTH) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const localPart = value.slice(0, at);
  return localPart.length <= LOCAL_PART_MAX_LENGTH && LOCAL_PART.test(localPart) && isDomainName(value.slice(at + 1));
};

/**
 * The addresses in pasted text: separated by commas, semicolons, spaces or new lines. An address
 * copied with its name from a mail client (`Ada Lovelace <ada@example.com>`, `"Hopper, Grace" <grace@example.com>`)
 * counts as the address.
 */
export const splitRecipients = (text: string): string[] =>
  text
    .replace(/"[^"]*"\s*(?=<)/g, '')
    .replace(/[^,;\n<>]*<([^<>]*)>/g, ' $1 ')
    .split(/[\s,;]+/)
    .filter((part) => part.length > 0);

/** The entries trimmed, each once (the first spelling, compared without case), in their order. */
export const uniqueRecipients = (entries: string[]): { unique: string[]; duplicates: number } => {
  const seen = new Set<string>();
  const unique: string[] = [];
  let duplicates = 0;
  for (const entry of entries) {
    const address = entry.trim();
    const key = address.toLowerCase();
    if (seen.has(key)) duplicates += 1;
    else {
      seen.add(key);
      unique.push(address);
    }
  }
  return { unique, duplicates };
};

export interface Recipients {
  /** Valid addresses, trimmed, each once (compared without case), in the order given. */
  valid: string[];
  /** What is not an address, as given (trimmed), each once. */
  invalid: string[];
  /** How many entries repeated an earlier one. */
  duplicates: number;
}

/** Trims, checks and de-duplicates (case-insensitively) a list of addresses. */
export const sortRecipients = (entries: string[]): Recipients => {
  const { unique, duplicates } = uniqueRecipients(entries);
  return {
    valid: unique.filter(isEmailAddress),
    invalid: unique.filter((address) => !isEmailAddress(address)),
    duplicates,
  };
};
