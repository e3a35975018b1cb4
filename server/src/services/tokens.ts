import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const FORMAT_VERSION = 'v1';

/** The secret the encryption key is derived from: plugin setting, then the app's own secrets. */
const keyMaterial = (strapi: Core.Strapi): string => {
  const candidates = [
    strapi.config.get(`plugin::${PLUGIN_ID}.encryptionKey`),
    strapi.config.get('admin.secrets.encryptionKey'),
    ([] as string[]).concat(strapi.config.get('server.app.keys') ?? [])[0],
  ];
  const secret = candidates.find((value) => typeof value === 'string' && value.length > 0);
  if (!secret) {
    throw new Error('[invitations] No secret to derive the token encryption key from: set ENCRYPTION_KEY or APP_KEYS');
  }
  return secret as string;
};

const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

const deriveKey = (secret: string) =>
  Buffer.from(crypto.hkdfSync('sha256', secret, 'strapi-plugin-invitations', 'invitation-token-encryption', 32));

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let key: Buffer | undefined;
  const getKey = () => (key ??= deriveKey(keyMaterial(strapi)));

  return {
    /** A new 256-bit random token, base64url (43 characters). */
    generate(): string {
      return crypto.randomBytes(TOKEN_BYTES).toString('base64url');
    },

    isWellFormed(token: unknown): token is string {
      return typeof token === 'string' && TOKEN_PATTERN.test(token);
    },

    /** What the database stores and looks tokens up by. */
    hash: hashToken,

    /** Encrypts the token, bound to its hash so a ciphertext cannot be moved to another row. */
    encrypt(token: string, tokenHash: string): string {
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv(CIPHER, getKey(), iv);
      cipher.setAAD(Buffer.from(tokenHash));
      const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return [FORMAT_VERSION, iv, cipher.getAuthTag(), ciphertext]
        .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
        .join('.');
    },

    /** The token back, or null when it cannot be recovered (secret changed, data altered). */
    decrypt(payload: string | null | undefined, tokenHash: string): string | null {
      const [version, iv, tag, ciphertext] = (payload ?? '').split('.');
      if (version !== FORMAT_VERSION || !iv || !tag || !ciphertext) return null;
      try {
        const decipher = crypto.createDecipheriv(CIPHER, getKey(), Buffer.from(iv, 'base64url'));
        decipher.setAAD(Buffer.from(tokenHash));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const token = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
        return hashToken(token) === tokenHash ? token : null;
      } catch {
        return null;
      }
    },
  };
};
