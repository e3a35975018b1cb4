import crypto from 'node:crypto';
import type { KoaContext } from '../koa';

const COOKIE_NAME = 'invitations_csrf';
const LIFETIME_MS = 2 * 60 * 60 * 1000;

/**
 * Double-submit protection for the hosted sign-up form: the page carries a random value that
 * must match a SameSite=Strict cookie set with it, which another site can neither read nor send.
 * `cookiePath`: the form's path as the browser sees it.
 */
export const issueCsrfToken = (ctx: KoaContext, cookiePath: string): string => {
  const existing = ctx.cookies.get(COOKIE_NAME);
  const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : crypto.randomBytes(32).toString('base64url');
  ctx.cookies.set(COOKIE_NAME, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.secure,
    path: cookiePath,
    maxAge: LIFETIME_MS,
    overwrite: true,
  });
  return token;
};

export const isCsrfTokenValid = (ctx: KoaContext, submitted: unknown): boolean => {
  const expected = ctx.cookies.get(COOKIE_NAME);
  if (typeof submitted !== 'string' || !expected) return false;
  const [a, b] = [Buffer.from(submitted), Buffer.from(expected)];
  return a.length === b.length && crypto.timingSafeEqual(a, b);
};
