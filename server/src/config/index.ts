import { emailDefaults, validateEmailConfig, type EmailConfig } from './email';
import { httpUrl } from '../validation/text';
import { isEmailAddress, SHIPPED_LANGUAGES, type ShippedLanguage } from '../../../shared';

export const RATE_LIMIT_STORES = ['memory', 'database'] as const;
export type RateLimitStoreKind = (typeof RATE_LIMIT_STORES)[number];

/** Per-IP limit of the plugin's public routes (link status, sign-up page). */
export interface RateLimitConfig {
  enabled: boolean;
  /** Requests allowed per IP in each window. */
  max: number;
  windowSeconds: number;
  /**
   * Where the counts live: this process's memory, or a table in the site's database that every
   * instance on it shares. Unset: 'database' on PostgreSQL and MySQL/MariaDB, 'memory' on SQLite.
   */
  store?: RateLimitStoreKind;
  /** How long a hit may wait for the database store before the request goes on uncounted. */
  storeTimeoutMs: number;
}

/** People without a link may ask for one (`POST /api/invitations/requests`, the hosted request page). */
export interface RequestAccessConfig {
  enabled: boolean;
  /** An address told of new requests: one email per new request, at most one per ten minutes (with the count). Null: nobody. */
  notify: string | null;
  /** The language of that email: one the plugin ships (en, fr, de, es, it, pt-BR, nl). */
  notifyLanguage: ShippedLanguage;
  /** Declined requests are deleted this many days after their decision, in the background. */
  retentionDays: number;
}

/** The plugin's background work: reminders before a link expires, and the requests' retention. */
export interface BackgroundConfig {
  /** Whether this instance runs it (every instance may: each item is claimed in the database first). */
  enabled: boolean;
  /** Seconds between two runs. */
  intervalSeconds: number;
  /**
   * How long an item claimed by an instance stays its own: a claim older than this (its instance
   * crashed, or its send failed) is taken again by a later run. Well above the slowest send.
   */
  claimTimeoutSeconds: number;
}

export interface InvitationsConfig {
  /** When true, POST /api/auth/local/register needs a valid invitationToken. */
  requireInvitation: boolean;
  /**
   * While requireInvitation is on, users-permissions' content-API user creation (`POST /api/users`,
   * GraphQL `createUsersPermissionsUser`) is refused to end users and API tokens unless this is
   * true. Admins (Content Manager, admin API) are not concerned.
   */
  allowUserCreationByUsers: boolean;
  /** When true, the GraphQL plugin generates queries and mutations for the plugin's own content types. */
  exposeInGraphql: boolean;
  /**
   * Where invitation links point when the site has its own sign-up front end, e.g.
   * `https://example.com/join?invitation={token}`. Null: the plugin's hosted page.
   */
  signupUrl: string | null;
  /**
   * Secret the token encryption key is derived from, or a list of them, newest first (the first
   * encrypts, each decrypts: rotation). Null: the app's ENCRYPTION_KEY, else APP_KEYS.
   */
  encryptionKey: string | string[] | null;
  /**
   * Origins (`https://example.com`) an invitation's redirectUrl may point to. Anything else is
   * refused, so a link can never send new users to a site the owner did not choose.
   */
  redirectOrigins: string[];
  /**
   * users-permissions providers whose email address counts as verified: only an account from one
   * of them may use a personal link or a link limited to email domains (both trust the address).
   * Null: VERIFIED_EMAIL_PROVIDERS (a list default would be merged into the site's by index).
   */
  verifiedEmailProviders: string[] | null;
  /** "Send invitation": site name, concurrency and email templates (see config/email.ts). */
  email: EmailConfig;
  rateLimit: RateLimitConfig;
  /**
   * The users-permissions role types (`'authenticated'`, `'members'`…) a link may give, for every
   * admin, super admins included; null: any role the admin may give in the Content Manager. The
   * site's default role (`role: null`) is always allowed.
   */
  assignableRoles: string[] | null;
  requestAccess: RequestAccessConfig;
  background: BackgroundConfig;
}

/**
 * The built-in providers of users-permissions 5.54.0 that refuse an unverified address: each checks
 * the provider's own verified flag (Discord `verified`, Google `verified_email`, GitHub's
 * `/user/emails` entry, Cognito, CAS and Keycloak `email_verified`, Patreon `is_email_verified`).
 * The others only check that an address is there, or make one up (`…@strapi.io`).
 */
export const VERIFIED_EMAIL_PROVIDERS = ['discord', 'google', 'github', 'cognito', 'cas', 'patreon', 'keycloak'] as const;

const defaults: InvitationsConfig = {
  requireInvitation: true,
  allowUserCreationByUsers: false,
  exposeInGraphql: false,
  signupUrl: null,
  encryptionKey: null,
  redirectOrigins: [],
  verifiedEmailProviders: null,
  email: emailDefaults,
  rateLimit: { enabled: true, max: 30, windowSeconds: 60, storeTimeoutMs: 300 },
  assignableRoles: null,
  requestAccess: { enabled: false, notify: null, notifyLanguage: 'en', retentionDays: 90 },
  background: { enabled: true, intervalSeconds: 300, claimTimeoutSeconds: 600 },
};

/** True for `scheme://host[:port]` and nothing more. */
const isOrigin = (value: unknown): boolean => typeof value === 'string' && httpUrl(value)?.origin === value.replace(/\/$/, '');

const validateSignupUrl = (signupUrl: unknown) => {
  if (typeof signupUrl !== 'string' || !signupUrl.includes('{token}')) {
    throw new Error('signupUrl must be a string containing "{token}"');
  }
  if (!httpUrl(signupUrl.replace('{token}', 'token'))) {
    throw new Error('signupUrl must be an http(s) URL');
  }
};

/** A store slower than this would hold every public request as long: better none. */
const MAX_STORE_TIMEOUT_MS = 10_000;

const isPositiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

const validateRateLimit = (rateLimit: RateLimitConfig) => {
  if (typeof rateLimit !== 'object' || rateLimit === null) throw new Error('rateLimit must be an object');
  if (typeof rateLimit.enabled !== 'boolean') throw new Error('rateLimit.enabled must be a boolean');
  if (!isPositiveInteger(rateLimit.max)) throw new Error('rateLimit.max must be a positive whole number');
  if (!isPositiveInteger(rateLimit.windowSeconds)) {
    throw new Error('rateLimit.windowSeconds must be a positive whole number');
  }
  if (rateLimit.store !== undefined && !RATE_LIMIT_STORES.includes(rateLimit.store)) {
    throw new Error(`rateLimit.store must be one of ${RATE_LIMIT_STORES.map((kind) => `'${kind}'`).join(', ')}`);
  }
  if (!isPositiveInteger(rateLimit.storeTimeoutMs) || rateLimit.storeTimeoutMs > MAX_STORE_TIMEOUT_MS) {
    throw new Error(`rateLimit.storeTimeoutMs must be a whole number of milliseconds from 1 to ${MAX_STORE_TIMEOUT_MS}`);
  }
};

const MIN_SECRET_LENGTH = 16;

const validateEncryptionKey = (encryptionKey: unknown) => {
  const secrets = Array.isArray(encryptionKey) ? encryptionKey : [encryptionKey];
  if (secrets.length === 0 || !secrets.every((secret) => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH)) {
    throw new Error(
      `encryptionKey must be a string of at least ${MIN_SECRET_LENGTH} characters, or a non-empty list of them (newest first)`
    );
  }
};

const validateAssignableRoles = (assignableRoles: unknown) => {
  const isRoleType = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value !== 'public';
  if (assignableRoles !== null && !(Array.isArray(assignableRoles) && assignableRoles.every(isRoleType))) {
    throw new Error("assignableRoles must be null or a list of role types such as ['authenticated'] (not 'public')");
  }
};

const validateRequestAccess = (requestAccess: RequestAccessConfig) => {
  if (typeof requestAccess !== 'object' || requestAccess === null) throw new Error('requestAccess must be an object');
  if (typeof requestAccess.enabled !== 'boolean') throw new Error('requestAccess.enabled must be a boolean');
  const notify = requestAccess.notify ?? null;
  if (notify !== null && !(typeof notify === 'string' && isEmailAddress(notify))) {
    throw new Error('requestAccess.notify must be null or an email address');
  }
  if (!SHIPPED_LANGUAGES.includes(requestAccess.notifyLanguage)) {
    throw new Error(`requestAccess.notifyLanguage must be one of ${SHIPPED_LANGUAGES.join(', ')}`);
  }
  if (!isPositiveInteger(requestAccess.retentionDays)) {
    throw new Error('requestAccess.retentionDays must be a positive whole number of days');
  }
};

/** Shorter runs would only repeat the same queries; a day is the longest that still reminds on the right day. */
const BACKGROUND_INTERVAL_SECONDS = { min: 1, max: 86_400 };

const validateBackground = (background: BackgroundConfig) => {
  if (typeof background !== 'object' || background === null) throw new Error('background must be an object');
  if (typeof background.enabled !== 'boolean') throw new Error('background.enabled must be a boolean');
  const { min, max } = BACKGROUND_INTERVAL_SECONDS;
  if (!Number.isInteger(background.intervalSeconds) || background.intervalSeconds < min || background.intervalSeconds > max) {
    throw new Error(`background.intervalSeconds must be a whole number of seconds from ${min} to ${max}`);
  }
  const claimTimeout = background.claimTimeoutSeconds ?? defaults.background.claimTimeoutSeconds;
  if (!Number.isInteger(claimTimeout) || claimTimeout < min || claimTimeout > max) {
    throw new Error(`background.claimTimeoutSeconds must be a whole number of seconds from ${min} to ${max}`);
  }
};

const validator = (config: InvitationsConfig) => {
  if (typeof config.requireInvitation !== 'boolean') {
    throw new Error('requireInvitation must be a boolean');
  }
  for (const option of ['allowUserCreationByUsers', 'exposeInGraphql'] as const) {
    if (typeof (config[option] ?? defaults[option]) !== 'boolean') throw new Error(`${option} must be a boolean`);
  }
  if (config.signupUrl !== null) validateSignupUrl(config.signupUrl);
  if (config.encryptionKey !== null) validateEncryptionKey(config.encryptionKey);
  if (!Array.isArray(config.redirectOrigins) || !config.redirectOrigins.every(isOrigin)) {
    throw new Error('redirectOrigins must be a list of origins such as "https://example.com" (no path)');
  }
  const providers = config.verifiedEmailProviders ?? null;
  if (
    providers !== null &&
    (!Array.isArray(providers) || !providers.every((provider) => typeof provider === 'string' && provider.length > 0))
  ) {
    throw new Error('verifiedEmailProviders must be a list of users-permissions provider names, such as ["google", "github"]');
  }
  // Strapi always gives the defaults; only a direct call leaves the section out.
  validateEmailConfig(config.email ?? emailDefaults);
  validateRateLimit(config.rateLimit ?? defaults.rateLimit);
  validateAssignableRoles(config.assignableRoles ?? null);
  validateRequestAccess(config.requestAccess ?? defaults.requestAccess);
  validateBackground(config.background ?? defaults.background);
};

export default { default: defaults, validator };
