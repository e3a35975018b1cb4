import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  countUsers,
  createInvitation,
  createPersonalLink,
  expectStrapiError,
  findUser,
  recipientRowsOf,
  seatsUsedOf,
} from '../helpers/fixtures';
import { enableFakeGitHub, gitHubProfile, restoreFetch, signInWithGitHub } from '../helpers/fake-github';

/**
 * A site that does not count GitHub among the providers vouching for their addresses
 * (`verifiedEmailProviders`): whoever controls a GitHub account's address claims it there, so
 * links that trust the address (personal, domain-limited) refuse it; a plain link does not care.
 */
let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { PUBLIC_URL: 'http://127.0.0.1:1337', INVITATIONS_VERIFIED_EMAIL_PROVIDERS: 'google,discord' }
);
beforeAll(async () => {
  await enableFakeGitHub(app);
});
afterAll(restoreFetch);

const REFUSAL = { reason: 'provider-email-unverified', provider: 'github' };

test("a personal link refuses its recipient's address from an unvouched provider: 403, no account, no seat, still pending", async () => {
  const profile = gitHubProfile();
  const { invitation, token } = await createPersonalLink(app, profile.email);
  const before = await countUsers(app);

  const res = await signInWithGitHub(app, profile, token);

  expectStrapiError(res, 403, /only accepts a verified email address/);
  expect(res.body.error.details).toEqual(REFUSAL);
  expect(await findUser(app, profile.email)).toBeNull();
  expect(await countUsers(app)).toBe(before);
  expect(await seatsUsedOf(app, invitation.id)).toBe(0);
  const [recipient] = await recipientRowsOf(app, invitation.id);
  expect(recipient.status).toBe('pending');
});

test('a domain-limited link refuses an address at its domain from an unvouched provider: 403, no account, no seat', async () => {
  const invitation = await createInvitation(app, { allowedEmailDomains: ['example.org'] });
  const profile = { ...gitHubProfile(), email: `octo${Date.now()}@example.org` };

  const res = await signInWithGitHub(app, profile, invitation.token);

  expectStrapiError(res, 403);
  expect(res.body.error.details).toEqual(REFUSAL);
  expect(await findUser(app, profile.email)).toBeNull();
  expect(await seatsUsedOf(app, invitation.id)).toBe(0);
});

test('a link that trusts no address still takes the same provider', async () => {
  const invitation = await createInvitation(app);
  const profile = gitHubProfile();
  expect((await signInWithGitHub(app, profile, invitation.token)).status).toBe(200);
  expect(await seatsUsedOf(app, invitation.id)).toBe(1);
});
