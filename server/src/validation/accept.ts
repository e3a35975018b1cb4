import { fieldError, validateNoQuery } from './invitation';

/**
 * `POST /api/invitations/:token/accept` takes nothing but the token in its path and the member's
 * token in its header: a field or a query parameter is a client's mistake, refused before anything
 * is read.
 */
export const validateAcceptRequest = async (body: unknown, query: Record<string, unknown> = {}) => {
  await validateNoQuery(query);
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body)) throw fieldError('body', 'The body must be empty or a JSON object');
  const unknown = Object.keys(body)[0];
  if (unknown !== undefined) throw fieldError(unknown, `Unknown field: ${unknown}`);
};
