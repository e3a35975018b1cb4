import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';

/**
 * The directory of the package named `name` at or above this file: this repository (the plugin
 * under development) or the playground. Found by walking up, because this file runs from config/
 * (admin build) and from dist/config/ (server).
 */
const packageRoot = (name: string) => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === name) {
      return dir;
    }
  }
  throw new Error(`${name} not found above ${__dirname}`);
};

/**
 * With SMTP_HOST and SMTP_PORT, mail goes to that server; without, to files in EMAIL_OUTBOX_DIR
 * (.tmp/outbox) through the playground's own outbox provider, so "Send invitation" works with no
 * mail server at all.
 */
const emailConfig = (env: Core.Config.Shared.ConfigParams['env']) => {
  const settings = {
    defaultFrom: env('EMAIL_FROM', 'Invitations playground <no-reply@example.com>'),
    defaultReplyTo: env('EMAIL_REPLY_TO', undefined),
  };
  const host = env('SMTP_HOST', '');
  const port = env.int('SMTP_PORT', 0);
  if (!host || !port) {
    return {
      provider: 'strapi-provider-email-outbox',
      providerOptions: { directory: path.resolve(packageRoot('playground'), env('EMAIL_OUTBOX_DIR', '.tmp/outbox')) },
      settings,
    };
  }
  const user = env('SMTP_USERNAME', '');
  return {
    provider: 'nodemailer',
    providerOptions: {
      host,
      port,
      secure: env.bool('SMTP_SECURE', false),
      ...(user && { auth: { user, pass: env('SMTP_PASSWORD', '') } }),
    },
    settings,
  };
};

const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  invitations: {
    enabled: true,
    resolve: packageRoot('strapi-plugin-invitations'),
    config: {
      requireInvitation: env.bool('INVITATIONS_REQUIRE_INVITATION', true),
      allowUserCreationByUsers: env.bool('INVITATIONS_ALLOW_USER_CREATION_BY_USERS', false),
      exposeInGraphql: env.bool('INVITATIONS_EXPOSE_IN_GRAPHQL', false),
      signupUrl: env('INVITATIONS_SIGNUP_URL', null),
      // Comma-separated, newest first (key rotation); unset: the app's ENCRYPTION_KEY, else APP_KEYS.
      encryptionKey: env.array('INVITATIONS_ENCRYPTION_KEYS', null),
      // Comma-separated; unset: the plugin's default (the built-in providers that verify addresses).
      ...(env('INVITATIONS_VERIFIED_EMAIL_PROVIDERS')
        ? { verifiedEmailProviders: env.array('INVITATIONS_VERIFIED_EMAIL_PROVIDERS') }
        : {}),
      redirectOrigins: env.array('INVITATIONS_REDIRECT_ORIGINS', ['http://127.0.0.1:1337', 'http://localhost:1337']),
      email: { siteName: env('INVITATIONS_SITE_NAME', 'Invitations playground') },
      rateLimit: {
        enabled: !env.bool('DISABLE_RATE_LIMIT', false),
        max: env.int('INVITATIONS_RATE_LIMIT_MAX', 30),
        windowSeconds: env.int('INVITATIONS_RATE_LIMIT_WINDOW_SECONDS', 60),
        // Unset: the plugin's default for the site's database ('memory' on SQLite, else 'database').
        store: env('INVITATIONS_RATE_LIMIT_STORE', undefined),
        storeTimeoutMs: env.int('INVITATIONS_RATE_LIMIT_STORE_TIMEOUT_MS', 300),
      },
      // On in the demo, so that its hosted request page and Access requests page can be tried.
      requestAccess: {
        enabled: env.bool('INVITATIONS_REQUEST_ACCESS', true),
        notify: env('INVITATIONS_REQUEST_ACCESS_NOTIFY', null),
        notifyLanguage: env('INVITATIONS_REQUEST_ACCESS_NOTIFY_LANGUAGE', 'en'),
        retentionDays: env.int('INVITATIONS_REQUEST_ACCESS_RETENTION_DAYS', 90),
      },
      // Reminders and retention; a demo can set a few seconds to watch a reminder go out.
      background: {
        enabled: env.bool('INVITATIONS_BACKGROUND', true),
        intervalSeconds: env.int('INVITATIONS_REMINDER_INTERVAL_SECONDS', 300),
        claimTimeoutSeconds: env.int('INVITATIONS_CLAIM_TIMEOUT_SECONDS', 600),
      },
    },
  },
  email: { config: emailConfig(env) },
  // Installed for the tests of the GraphQL register mutation; off unless ENABLE_GRAPHQL=true.
  graphql: { enabled: env.bool('ENABLE_GRAPHQL', false), config: { defaultLimit: 25, maxLimit: 100, depthLimit: 10 } },
  'users-permissions': {
    config: {
      // Only the tests turn the limiter off: they register faster than a person types.
      ratelimit: { enabled: !env.bool('DISABLE_RATE_LIMIT', false) },
    },
  },
});

export default config;
