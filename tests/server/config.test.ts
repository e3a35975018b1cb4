// @engine-neutral
import config from '../../server/src/config';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { countUsers, createInvitation, newAccount, register } from '../helpers/fixtures';

// Given whatever a site's config file holds, wrong types included.
const validator = config.validator as (settings: unknown) => void;

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  {
    INVITATIONS_REQUIRE_INVITATION: 'false',
    INVITATIONS_SIGNUP_URL: 'https://example.com/join?invitation={token}',
  }
);

test('with requireInvitation off, sign-up without a token works as before', async () => {
  const before = await countUsers(app);
  const res = await register(app, newAccount());
  expect(res.status).toBe(200);
  expect(await countUsers(app)).toBe(before + 1);
});

test('with requireInvitation off, a token still takes a seat and a bad one is still refused', async () => {
  const invitation = await createInvitation(app, { maxUses: 1 });
  expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(200);
  expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(410);
  expect((await register(app, { ...newAccount(), invitationToken: 'C'.repeat(43) })).status).toBe(404);
});

test("links point to the site's own sign-up page when signupUrl is set", async () => {
  const invitation = await createInvitation(app);
  expect(invitation.url).toBe(`https://example.com/join?invitation=${invitation.token}`);
});

test('the config validator refuses bad settings', () => {
  const rateLimit = { enabled: true, max: 30, windowSeconds: 60, storeTimeoutMs: 300 };
  const base = { requireInvitation: true, signupUrl: null, encryptionKey: null, redirectOrigins: [], rateLimit };
  expect(() => validator(base)).not.toThrow();
  expect(() => validator({ ...base, requireInvitation: 'yes' })).toThrow(/boolean/);
  expect(() => validator({ ...base, signupUrl: 'https://example.com/join' })).toThrow(/\{token\}/);
  expect(() => validator({ ...base, signupUrl: 'javascript:alert(1)//{token}' })).toThrow(/http/);
  expect(() => validator({ ...base, encryptionKey: 'short' })).toThrow(/16 characters/);
  expect(() => validator({ ...base, encryptionKey: ['a-newer-secret-key', 'an-older-secret-key'] })).not.toThrow();
  expect(() => validator({ ...base, encryptionKey: ['a-newer-secret-key', 'short'] })).toThrow(/16 characters/);
  expect(() => validator({ ...base, encryptionKey: [] })).toThrow(/non-empty list/);
  expect(() => validator({ ...base, verifiedEmailProviders: ['google', 'github'] })).not.toThrow();
  expect(() => validator({ ...base, verifiedEmailProviders: 'google' })).toThrow(/verifiedEmailProviders/);
  expect(() => validator({ ...base, redirectOrigins: ['https://example.com', 'http://localhost:3000/'] })).not.toThrow();
  expect(() => validator({ ...base, redirectOrigins: 'https://example.com' })).toThrow(/redirectOrigins/);
  expect(() => validator({ ...base, redirectOrigins: ['https://example.com/app'] })).toThrow(/no path/);
  expect(() => validator({ ...base, redirectOrigins: ['ftp://example.com'] })).toThrow(/redirectOrigins/);
  expect(() => validator({ ...base, rateLimit: 'fast' })).toThrow(/rateLimit must be an object/);
  expect(() => validator({ ...base, rateLimit: { ...rateLimit, enabled: 1 } })).toThrow(/rateLimit.enabled/);
  expect(() => validator({ ...base, rateLimit: { ...rateLimit, max: 0 } })).toThrow(/rateLimit.max/);
  expect(() => validator({ ...base, rateLimit: { ...rateLimit, max: 2.5 } })).toThrow(/rateLimit.max/);
  expect(() => validator({ ...base, rateLimit: { ...rateLimit, windowSeconds: '60' } })).toThrow(/rateLimit.windowSeconds/);
  for (const store of ['memory', 'database', undefined]) {
    expect(() => validator({ ...base, rateLimit: { ...rateLimit, store } })).not.toThrow();
  }
  expect(() => validator({ ...base, rateLimit: { ...rateLimit, store: 'redis' } })).toThrow(
    "rateLimit.store must be one of 'memory', 'database'"
  );
  for (const storeTimeoutMs of [0, 2.5, '300', 10_001]) {
    expect(() => validator({ ...base, rateLimit: { ...rateLimit, storeTimeoutMs } })).toThrow(/rateLimit.storeTimeoutMs/);
  }
});

test('the background settings: the claim timeout of the reminders is a whole number of seconds from 1 to a day, 600 when left out', () => {
  const base = { requireInvitation: true, signupUrl: null, encryptionKey: null, redirectOrigins: [] };
  const background = { enabled: true, intervalSeconds: 300, claimTimeoutSeconds: 600 };
  expect(() => validator({ ...base, background })).not.toThrow();
  expect(() => validator({ ...base, background: { enabled: true, intervalSeconds: 300 } })).not.toThrow();
  for (const claimTimeoutSeconds of [0, 2.5, '600', 86_401]) {
    expect(() => validator({ ...base, background: { ...background, claimTimeoutSeconds } })).toThrow(
      'background.claimTimeoutSeconds must be a whole number of seconds from 1 to 86400'
    );
  }
  expect(app.strapi.config.get('plugin::invitations.background.claimTimeoutSeconds')).toBe(600);
});

test('a saved redirect whose origin is no longer allowed is not followed', async () => {
  // This app allows no redirect origin: as if the site owner had removed it after the link was made.
  const invitation = await createInvitation(app);
  await app.strapi.db
    .query('plugin::invitations.invitation')
    .update({ where: { id: invitation.id }, data: { redirectUrl: 'https://old-site.example.com/welcome' } });
  const status = await app.http().get(`/api/invitations/${invitation.token}`);
  expect(status.body.data.redirectUrl).toBeNull();
  const res = await register(app, { ...newAccount(), invitationToken: invitation.token });
  expect(res.status).toBe(200);
  expect(res.body.redirectUrl).toBeNull();
});
