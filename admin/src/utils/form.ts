import { expiryInstant, startOfToday } from './dates';
import {
  isValidCode,
  isDomainEntry,
  isEmailInDomains,
  MAX_ALLOWED_EMAIL_DOMAINS,
  REMIND_BEFORE_DAYS,
  uniqueDomainEntries,
  type InvitationInput,
} from '../../../shared';

export const MAX_USES_LIMIT = 100_000;

export interface InvitationFormValues {
  name: string;
  maxUses: number | undefined;
  expiryDay: Date | undefined;
  expiryTime: string | undefined;
  role: number | null;
  welcomeMessage: string;
  redirectUrl: string;
  /** Preset values of user fields, by field name; a field left out is not preset. */
  userDefaults: Record<string, unknown>;
  /** The chips of the allowed email domains, invalid ones included; none: any address. */
  allowedEmailDomains: string[];
  /** The chips of the domains whose requests for access this link approves at once; none: each is reviewed. */
  autoApproveDomains: string[];
  /** Members with an account may accept the link to get its role. */
  allowExistingAccounts: boolean;
  /** The code to type by hand; empty: none (or, for an admin who may not see it, the one it has). */
  code: string;
  /** Days before expiration when pending personal recipients are reminded; undefined: no reminder. */
  remindBeforeDays: number | undefined;
}

export type FormErrors = Partial<
  Record<
    | 'name'
    | 'maxUses'
    | 'expiresAt'
    | 'role'
    | 'welcomeMessage'
    | 'redirectUrl'
    | 'userDefaults'
    | 'allowedEmailDomains'
    | 'autoApproveDomains'
    | 'code'
    | 'remindBeforeDays',
    string
  >
>;

const isHttpUrl = (value: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const WILDCARD = '*.';

/**
 * The auto-approve entries whose addresses the link's allowed domains would refuse (all of them, for
 * a wildcard): such a person would be approved into a link they cannot sign up with.
 */
export const domainsOutside = (entries: string[], allowed: string[]): string[] => {
  if (allowed.length === 0) return [];
  const wildcards = allowed.filter((entry) => entry.startsWith(WILDCARD));
  const isCovered = (entry: string) => {
    if (!entry.startsWith(WILDCARD)) return isEmailInDomains(`a@${entry}`, allowed);
    // Every subdomain of example.edu: allowed by *.example.edu itself, or by a wildcard above example.edu.
    const domain = entry.slice(WILDCARD.length);
    return wildcards.includes(entry) || (wildcards.length > 0 && isEmailInDomains(`a@${domain}`, wildcards));
  };
  return entries.filter((entry) => isDomainEntry(entry) && !isCovered(entry.toLowerCase()));
};

const sameExpiry = (a: InvitationFormValues, b: InvitationFormValues) =>
  a.expiryDay?.toDateString() === b.expiryDay?.toDateString() && a.expiryTime === b.expiryTime;

/**
 * Message ids (under the plugin's prefix) of what is wrong before anything is sent. When editing,
 * `initial` holds the saved values: an expiry left as it was may lie in the past (an expired link
 * can be renamed without being revived).
 */
export const validateInvitationForm = (
  values: InvitationFormValues,
  now = new Date(),
  initial?: InvitationFormValues
): FormErrors => {
  const errors: FormErrors = {};
  if (values.name.trim().length === 0) errors.name = 'form.error.required';
  const { maxUses } = values;
  if (maxUses === undefined) errors.maxUses = 'form.error.required';
  else if (!Number.isInteger(maxUses) || maxUses < 1 || maxUses > MAX_USES_LIMIT) errors.maxUses = 'form.error.maxUses';
  if (!values.expiryDay) errors.expiresAt = 'form.error.required';
  else if (initial && sameExpiry(initial, values)) {
    // unchanged: the server keeps it as it is
  } else if (values.expiryDay < startOfToday() || expiryInstant(values.expiryDay, values.expiryTime) <= now) {
    errors.expiresAt = 'form.error.past';
  }
  if (values.redirectUrl.trim() && !isHttpUrl(values.redirectUrl.trim())) errors.redirectUrl = 'form.error.url';
  if (values.code.trim() && !isValidCode(values.code.trim())) errors.code = 'form.error.code';
  const days = values.remindBeforeDays;
  if (days !== undefined && !(Number.isInteger(days) && days >= REMIND_BEFORE_DAYS.min && days <= REMIND_BEFORE_DAYS.max)) {
    errors.remindBeforeDays = 'form.error.remindBeforeDays';
  }
  if (!values.allowedEmailDomains.every(isDomainEntry)) errors.allowedEmailDomains = 'form.error.domains';
  else if (values.allowedEmailDomains.length > MAX_ALLOWED_EMAIL_DOMAINS)
    errors.allowedEmailDomains = 'form.error.domainsTooMany';
  if (!values.autoApproveDomains.every(isDomainEntry)) errors.autoApproveDomains = 'form.error.domains';
  else if (values.autoApproveDomains.length > MAX_ALLOWED_EMAIL_DOMAINS) errors.autoApproveDomains = 'form.error.domainsTooMany';
  else if (domainsOutside(values.autoApproveDomains, values.allowedEmailDomains).length > 0)
    errors.autoApproveDomains = 'form.error.autoApproveOutside';
  return errors;
};

export const toInvitationInput = (values: InvitationFormValues): InvitationInput => ({
  name: values.name.trim(),
  maxUses: values.maxUses as number,
  expiresAt: expiryInstant(values.expiryDay as Date, values.expiryTime).toISOString(),
  role: values.role,
  welcomeMessage: values.welcomeMessage.trim() || null,
  redirectUrl: values.redirectUrl.trim() || null,
  userDefaults: Object.keys(values.userDefaults).length > 0 ? values.userDefaults : null,
  allowedEmailDomains: values.allowedEmailDomains.length > 0 ? uniqueDomainEntries(values.allowedEmailDomains) : null,
  autoApproveDomains: uniqueDomainEntries(values.autoApproveDomains),
  allowExistingAccounts: values.allowExistingAccounts,
  code: values.code.trim() || null,
  remindBeforeDays: values.remindBeforeDays ?? null,
});

/** Only what the admin changed, so that an untouched (possibly past) expiry is not sent again. */
export const toInvitationChanges = (initial: InvitationFormValues, values: InvitationFormValues): Partial<InvitationInput> => {
  const before = toInvitationInput(initial);
  const after = toInvitationInput(values);
  return {
    ...(after.name !== before.name && { name: after.name }),
    ...(after.maxUses !== before.maxUses && { maxUses: after.maxUses }),
    ...(!sameExpiry(initial, values) && { expiresAt: after.expiresAt }),
    ...(after.role !== before.role && { role: after.role }),
    ...(after.welcomeMessage !== before.welcomeMessage && { welcomeMessage: after.welcomeMessage }),
    ...(after.redirectUrl !== before.redirectUrl && { redirectUrl: after.redirectUrl }),
    ...(JSON.stringify(after.userDefaults) !== JSON.stringify(before.userDefaults) && { userDefaults: after.userDefaults }),
    ...(JSON.stringify(after.allowedEmailDomains) !== JSON.stringify(before.allowedEmailDomains) && {
      allowedEmailDomains: after.allowedEmailDomains,
    }),
    ...(JSON.stringify(after.autoApproveDomains) !== JSON.stringify(before.autoApproveDomains) && {
      autoApproveDomains: after.autoApproveDomains,
    }),
    ...(after.allowExistingAccounts !== before.allowExistingAccounts && { allowExistingAccounts: after.allowExistingAccounts }),
    ...(after.code !== before.code && { code: after.code }),
    ...(after.remindBeforeDays !== before.remindBeforeDays && { remindBeforeDays: after.remindBeforeDays }),
  };
};
