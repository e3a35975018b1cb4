// @engine-neutral
/**
 * The public request route counts against the plugin's rate limit, in the one budget per client
 * that the token routes share: asking for access is no way around the limit on guessing tokens,
 * and a client over its budget stores nothing.
 */
import { rateLimitEnv } from '../helpers/env';
import { createInvitation, expectStrapiError } from '../helpers/fixtures';
import { useTestApp, type TestApp } from '../helpers/strapi';

const MAX = 4;
const REQUEST_UID = 'plugin::invitations.access-request';

let app: TestApp;
useTestApp((started) => {
  app = started;
}, rateLimitEnv(MAX));

test('requests share the token routes’ budget; over it, 429 with Retry-After and nothing stored', async () => {
  const invitation = await createInvitation(app);
  const token = String(invitation.url).split('/').pop();
  for (let i = 0; i < 2; i += 1) expect((await app.http().get(`/api/invitations/${token}`)).status).toBe(200);

  const submit = (email: string) => app.http().post('/api/invitations/requests').send({ email });
  expect((await submit('first@example.com')).status).toBe(202);
  expect((await submit('second@example.com')).status).toBe(202);
  const refused = await submit('third@example.com');
  expectStrapiError(refused, 429);
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

  const stored = await app.strapi.db.query(REQUEST_UID).findMany({ select: ['normalizedEmail'], orderBy: { id: 'asc' } });
  expect(stored.map((row: { normalizedEmail: string }) => row.normalizedEmail)).toEqual([
    'first@example.com',
    'second@example.com',
  ]);
  // The budget is spent for the token routes too.
  expectStrapiError(await app.http().get(`/api/invitations/${token}`), 429);
});
