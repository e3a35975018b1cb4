import { emailDefaults, validateEmailConfig, type EmailConfig } from './email';
import { httpUrl } from '../validation/text';

/** Per-IP limit of the plugin's public routes (link status, sign-up page). */
export interface RateLimitConfig {
  enabled: boolean;
  /** Requests allowed per IP in each window. */
  max: number;
  windowSeconds: number;
}

export interface InvitationsConfig {
  /** When true, POST /api/auth/local/register needs a valid invitationToken. */
  requireInvitation: boolean;
  /**
   * Where invitation links point when the site has its own sign-up front end, e.g.
   * `https://example.com/join?invitation={token}`. Null: the plugin's hosted page.
   */
  signupUrl: string | null;
  /** Secret the token encryption key is derived from. Null: the app's ENCRYPTION_KEY or APP_KEYS. */
  encryptionKey: string | null;
  /**
   * Origins (`https://example.com`) an invitation's redirectUrl may point to. Anything else is
   * refused, so a link can never send new users to a site the owner did not choose.
   */
  redirectOrigins: string[];
  /** "Send invitation": site name, concurrency and email templates (see config/email.ts). */
  email: EmailConfig;
  rateLimit: RateLimitConfig;
}

const defaults: InvitationsConfig = {
  requireInvitation: true,
  signupUrl: null,
  encryptionKey: null,
  redirectOrigins: [],
  email: emailDefaults,
  rateLimit: { enabled: true, max: 30, windowSeconds: 60 },
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

const isPositiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

const validateRateLimit = (rateLimit: RateLimitConfig) => {
  if (typeof rateLimit !== 'object' || rateLimit === null) throw new Error('rateLimit must be an object');
  if (typeof rateLimit.enabled !== 'boolean') throw new Error('rateLimit.enabled must be a boolean');
  if (!isPositiveInteger(rateLimit.max)) throw new Error('rateLimit.max must be a positive whole number');
  if (!isPositiveInteger(rateLimit.windowSeconds)) {
    throw new Error('rateLimit.windowSeconds must be a positive whole number');
  }
};

const validator = (config: InvitationsConfig) => {
  if (typeof config.requireInvitation !== 'boolean') {
    throw new Error('requireInvitation must be a boolean');
  }
  if (config.signupUrl !== null) validateSignupUrl(config.signupUrl);
  if (config.encryptionKey !== null && (typeof config.encryptionKey !== 'string' || config.encryptionKey.length < 16)) {
    throw new Error('encryptionKey must be a string of at least 16 characters');
  }
  if (!Array.isArray(config.redirectOrigins) || !config.redirectOrigins.every(isOrigin)) {
    throw new Error('redirectOrigins must be a list of origins such as "https://example.com" (no path)');
  }
  // Strapi always gives the defaults; only a direct call leaves the section out.
  validateEmailConfig(config.email ?? emailDefaults);
  validateRateLimit(config.rateLimit ?? defaults.rateLimit);
};

export default { default: defaults, validator };
