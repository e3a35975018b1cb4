import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../constants';
import { normalizeCode } from '../../../shared';

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const FORMAT_VERSION = 'v1';

const nonEmptyStrings = (value: unknown): string[] =>
  ([] as unknown[]).concat(value ?? []).filter((entry): entry is string => typeof entry === 'string' && entry.length > 0);

/**
 * The secrets the encryption keys are derived from, newest first: the first encrypts, every one
 * decrypts. The plugin's `encryptionKey` (a string or a list) when set, and nothing else; otherwise
 * the app's ENCRYPTION_KEY then every APP_KEYS entry (a list Strapi rotates new first).
 */
const keyMaterials = (strapi: Core.Strapi): string[] => {
  const configured = nonEmptyStrings(strapi.config.get(`plugin::${PLUGIN_ID}.encryptionKey`));
  const secrets =
    configured.length > 0
      ? configured
      : [
          ...nonEmptyStrings(strapi.config.get('admin.secrets.encryptionKey')),
          ...nonEmptyStrings(strapi.config.get('server.app.keys')),
        ];
  if (secrets.length === 0) {
    throw new Error('[invitations] No secret to derive the token encryption key from: set ENCRYPTION_KEY or APP_KEYS');
  }
  return [...new Set(secrets)];
};

const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

const deriveKey = (secret: string) =>
  Buffer.from(crypto.hkdfSync('sha256', secret, 'strapi-plugin-invitations', 'invitation-token-encryption', 32));

const deriveSigningKey = (secret: string) =>
  Buffer.from(crypto.hkdfSync('sha256', secret, 'strapi-plugin-invitations', 'invitation-value-signing', 32));

const signWith = (key: Buffer, value: string) => crypto.createHmac('sha256', key).update(value, 'utf8').digest('base64url');

const encryptWith = (key: Buffer, token: string, tokenHash: string): string => {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv(CIPHER, key, iv);
  cipher.setAAD(Buffer.from(tokenHash));
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [FORMAT_VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
};

/**
 * The secret, or null when this key did not make the copy (or the copy was altered). `isHashOf`
 * checks that what was decrypted is what the row's hash names.
 */
const decryptWith = (
  key: Buffer,
  parts: string[],
  hash: string,
  isHashOf: (secret: string, hash: string) => boolean = (secret, expected) => hashToken(secret) === expected
): string | null => {
  const [, iv, tag, ciphertext] = parts;
  try {
    const decipher = crypto.createDecipheriv(CIPHER, key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(hash));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const secret = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    return isHashOf(secret, hash) ? secret : null;
  } catch {
    return null;
  }
};

/** What a stored copy gives back: the token, and a copy under the newest key when an older key made it. */
export interface OpenedCopy {
  token: string | null;
  renewed: string | null;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  let keys: Buffer[] | undefined;
  const getKeys = () => (keys ??= keyMaterials(strapi).map(deriveKey));
  let signingKeys: Buffer[] | undefined;
  const getSigningKeys = () => (signingKeys ??= keyMaterials(strapi).map(deriveSigningKey));

  const codeHashes = (typed: unknown): string[] => {
    const normalized = normalizeCode(typed);
    if (normalized === null) return [];
    return getSigningKeys().map((key) => crypto.createHmac('sha256', key).update(`invitation-code|${normalized}`).digest('hex'));
  };

  const open = (payload: string | null | undefined, tokenHash: string): OpenedCopy => {
    const parts = (payload ?? '').split('.');
    const [version, iv, tag, ciphertext] = parts;
    if (version !== FORMAT_VERSION || !iv || !tag || !ciphertext) return { token: null, renewed: null };
    const [newest, ...older] = getKeys();
    const token = decryptWith(newest, parts, tokenHash);
    if (token !== null) return { token, renewed: null };
    for (const key of older) {
      const oldToken = decryptWith(key, parts, tokenHash);
      if (oldToken !== null) return { token: oldToken, renewed: encryptWith(newest, oldToken, tokenHash) };
    }
    return { token: null, renewed: null };
  };

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

    /** Encrypts the token with the newest key, bound to its hash so a ciphertext cannot be moved to another row. */
    encrypt(token: string, tokenHash: string): string {
      return encryptWith(getKeys()[0], token, tokenHash);
    },

    /** The token back, or null when it cannot be recovered (no configured key made it, data altered). */
    decrypt(payload: string | null | undefined, tokenHash: string): string | null {
      return open(payload, tokenHash).token;
    },

    /** The token back, and the copy to store instead when an older key made this one (see renew-token-copies). */
    open,

    /**
     * What the database looks a typed code up by: an HMAC of its normalised form under each key,
     * newest first (a code is short enough to be guessed from a plain hash, not from a keyed one).
     * Empty for what cannot be a code.
     */
    codeHashes,

    /** The code as the admin typed it, encrypted with the newest key and bound to its hash. */
    encryptCode(code: string, codeHash: string): string {
      return encryptWith(getKeys()[0], code, codeHash);
    },

    /** The code back, or null when it cannot be recovered. */
    decryptCode(payload: string | null | undefined, codeHash: string): string | null {
      const parts = (payload ?? '').split('.');
      if (parts[0] !== FORMAT_VERSION || parts.length !== 4) return null;
      const isHashOf = (code: string, hash: string) => codeHashes(code).includes(hash);
      for (const key of getKeys()) {
        const code = decryptWith(key, parts, codeHash, isHashOf);
        if (code !== null) return code;
      }
      return null;
    },

    /** An HMAC of `value` with the newest key (base64url), for values a page hands back later. */
    sign(value: string): string {
      return signWith(getSigningKeys()[0], value);
    },

    /** Whether one of the configured keys made `signature` for `value` (compared in constant time). */
    isSignatureOf(value: string, signature: unknown): boolean {
      if (typeof signature !== 'string') return false;
      const given = Buffer.from(signature);
      return getSigningKeys().some((key) => {
        const expected = Buffer.from(signWith(key, value));
        return expected.length === given.length && crypto.timingSafeEqual(expected, given);
      });
    },
  };
};
