import { fieldError } from './invitation';

/**
 * What the registration gate refuses before users-permissions sees the body: a NUL character in
 * any text field, which PostgreSQL cannot store (the insert would fail with a 500, not a 400).
 */
export const validateRegistrationText = (body: unknown) => {
  if (!body || typeof body !== 'object') return;
  const field = Object.entries(body).find(([, value]) => typeof value === 'string' && value.includes('\u0000'));
  if (field) throw fieldError(field[0], `${field[0]} must not contain NUL characters`);
};
