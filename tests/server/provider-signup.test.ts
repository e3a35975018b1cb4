// @engine-neutral
import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  countUsers,
  createInvitation,
  createPersonalLink,
  createRole,
  expectStrapiError,
  findUser,
  newAccount,
  recipientRowsOf,
  redemptionsOf,
  register,
  seatsUsedOf,
} from '../helpers/fixtures';
import { enableFakeGitHub, gitHubProfile, restoreFetch, signInWithGitHub } from '../helpers/fake-github';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  // users-permissions builds the provider's redirect address from it.
  { PUBLIC_URL: 'http://127.0.0.1:1337' }
);
beforeAll(async () => {
  await enableFakeGitHub(app);
});
afterAll(restoreFetch);

describe('sign-up with GitHub while requireInvitation is on', () => {
  test('without an invitation: 403, and no account is made', async () => {
    const profile = gitHubProfile();
    const before = await countUsers(app);
    const res = await signInWithGitHub(app, profile);
    expectStrapiError(res, 403, /^An invitation is required to register$/);
    expect(await findUser(app, profile.email)).toBeNull();
    expect(await countUsers(app)).toBe(before);
  });

  test("through an invitation link: the account is made with the link's role, and takes one seat", async () => {
    const partner = await createRole(app, 'github-partner', 'GitHub partner');
    const invitation = await createInvitation(app, { maxUses: 2, role: partner.id });
    const profile = gitHubProfile();

    const res = await signInWithGitHub(app, profile, invitation.token);
    expect(res.status).toBe(200);
    expect(res.body.jwt).toEqual(expect.any(String));
    expect(res.body.user).toMatchObject({ email: profile.email, provider: 'github' });

    const user = await findUser(app, profile.email);
    expect(user.role.type).toBe('github-partner');
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    const redemptions = await redemptionsOf(app, invitation.id);
    expect(redemptions.map((r: { user: { id: number } }) => r.user.id)).toEqual([user.id]);
  });

  test('through a code typed by hand instead of the token: the same account, the same seat; a wrong code 404', async () => {
    const code = `GH-${Date.now().toString(36).toUpperCase()}`;
    const invitation = await createInvitation(app, { code, maxUses: 1 });
    const profile = gitHubProfile();
    const res = await signInWithGitHub(app, profile, { code: code.toLowerCase() });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: profile.email, provider: 'github' });
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expectStrapiError(await signInWithGitHub(app, gitHubProfile(), { code: 'NO-SUCH-CODE' }), 404);
  });

  test("the link's first access applies as with a registration: presets, page after sign-up, redeemed event", async () => {
    const invitation = await createInvitation(app, {
      redirectUrl: 'http://127.0.0.1:1337/welcome.html',
      userDefaults: { homeSection: 'events', newsletter: true },
    });
    const events: Array<{ user: { id: number; email: string }; invitation: { id: number } }> = [];
    const listener = async (payload: (typeof events)[number]) => {
      events.push(payload);
    };
    app.strapi.eventHub.on('invitation.redeemed', listener);
    try {
      const profile = gitHubProfile();
      const res = await signInWithGitHub(app, profile, invitation.token);
      expect(res.status).toBe(200);
      expect(res.body.redirectUrl).toBe('http://127.0.0.1:1337/welcome.html');
      expect(res.body.user).toMatchObject({ email: profile.email, homeSection: 'events', newsletter: true });
      expect(await findUser(app, profile.email)).toMatchObject({ homeSection: 'events', newsletter: true });
      expect(events).toEqual([
        expect.objectContaining({
          invitation: expect.objectContaining({ id: invitation.id }),
          user: { id: res.body.user.id, email: profile.email },
        }),
      ]);

      // A login or a refusal is no redemption.
      expect((await signInWithGitHub(app, profile)).body).not.toHaveProperty('redirectUrl');
      expectStrapiError(await signInWithGitHub(app, gitHubProfile()), 403);
      expect(events).toHaveLength(1);
    } finally {
      app.strapi.eventHub.off('invitation.redeemed', listener);
    }
  });

  test('the session cookie that carries the invitation to GitHub and back holds no token in clear', async () => {
    const invitation = await createInvitation(app);
    const start = await request.agent(app.strapi.server.httpServer).get(`/api/invitations/${invitation.token}/connect/github`);
    expect(start.status).toBe(302);
    const cookies = (start.headers['set-cookie'] as unknown as string[]).map((cookie) => cookie.split(';')[0]);
    const session = cookies.find((cookie) => cookie.startsWith('koa.sess='));
    expect(session).toBeDefined();
    const readable = Buffer.from(decodeURIComponent(session!.split('=')[1]), 'base64').toString('utf8');
    expect(readable).toContain('tokenHash');
    for (const cookie of cookies) expect(`${cookie} ${readable}`).not.toContain(invitation.token);
  });

  test('the invitation is used once: the next GitHub sign-up in the same browser session needs its own', async () => {
    const invitation = await createInvitation(app, { maxUses: 5 });
    const browser = request.agent(app.strapi.server.httpServer);
    expect((await signInWithGitHub(app, gitHubProfile(), invitation.token, { browser })).status).toBe(200);
    expectStrapiError(await signInWithGitHub(app, gitHubProfile(), undefined, { browser }), 403);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('an existing GitHub account logs in again without any invitation, and uses no seat', async () => {
    const invitation = await createInvitation(app, { maxUses: 3 });
    const profile = gitHubProfile();
    const first = await signInWithGitHub(app, profile, invitation.token);
    const users = await countUsers(app);

    const again = await signInWithGitHub(app, profile);
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    // Coming back through a link again is a login too: no second seat.
    expect((await signInWithGitHub(app, profile, invitation.token)).status).toBe(200);
    expect(await countUsers(app)).toBe(users);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('a link used up while its holder was at GitHub: 410 "used up", no account, the seat count unchanged', async () => {
    const invitation = await createInvitation(app, { maxUses: 1 });
    const late = gitHubProfile();
    const res = await signInWithGitHub(app, late, invitation.token, {
      whileAtGitHub: async () => {
        expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(200);
      },
    });
    expectStrapiError(res, 410, /used up/);
    expect(res.body.error.details).toEqual({ reason: 'exhausted' });
    expect(await findUser(app, late.email)).toBeNull();
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(1);
  });

  test('a link limited to some email domains refuses a GitHub email outside them: 403, no account, no seat', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['example.org'] });
    const outsider = gitHubProfile();
    const res = await signInWithGitHub(app, outsider, invitation.token);
    expectStrapiError(res, 403, /^This invitation is only for email addresses at example\.org$/);
    expect(res.body.error.details).toEqual({ reason: 'email-domain', allowedEmailDomains: ['example.org'] });
    expect(await findUser(app, outsider.email)).toBeNull();
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);

    const insider = { ...gitHubProfile(), email: `octo${Date.now()}@example.org` };
    expect((await signInWithGitHub(app, insider, invitation.token)).status).toBe(200);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test("a personal link refuses a GitHub email that is not the recipient's (403, no seat) and takes theirs", async () => {
    const owner = gitHubProfile();
    const { invitation, token } = await createPersonalLink(app, owner.email);
    const stranger = gitHubProfile();
    const res = await signInWithGitHub(app, stranger, token);
    expectStrapiError(res, 403);
    expect(res.body.error.details).toEqual({ reason: 'email-mismatch' });
    expect(await findUser(app, stranger.email)).toBeNull();
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);

    expect((await signInWithGitHub(app, owner, token)).status).toBe(200);
    const [row] = await recipientRowsOf(app, invitation.id);
    expect({ status: row.status, user: row.user?.email }).toEqual({ status: 'accepted', user: owner.email });
    expectStrapiError(await app.http().get(`/api/invitations/${token}/connect/github`), 410);
  });

  test('the start route refuses unknown, used-up and malformed links before sending anyone to GitHub', async () => {
    expectStrapiError(await app.http().get(`/api/invitations/${'A'.repeat(43)}/connect/github`), 404);
    const usedUp = await createInvitation(app, { maxUses: 1 });
    await register(app, { ...newAccount(), invitationToken: usedUp.token });
    expectStrapiError(await app.http().get(`/api/invitations/${usedUp.token}/connect/github`), 410);
    const invitation = await createInvitation(app);
    expectStrapiError(await app.http().get(`/api/invitations/${invitation.token}/connect/facebook`), 400, /not enabled/);
    expectStrapiError(await app.http().get(`/api/invitations/${invitation.token}/connect/email`), 400, /not enabled/);
    expectStrapiError(await app.http().get(`/api/invitations/${invitation.token}/connect/git%20hub`), 400, /provider/);
    const res = await app
      .http()
      .get(`/api/invitations/${invitation.token}/connect/github`)
      .query({ callback: 'https://front.example.com/back' });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/api/connect/github?callback=${encodeURIComponent('https://front.example.com/back')}`);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('other ways to create an account stay closed', () => {
  test('POST /api/users is refused to visitors and to end users', async () => {
    const before = await countUsers(app);
    const body = { ...newAccount(), role: 1, confirmed: true };
    expectStrapiError(await app.http().post('/api/users').send(body), 403);

    const invitation = await createInvitation(app);
    const { body: member } = await register(app, { ...newAccount(), invitationToken: invitation.token });
    const asMember = await app.http().post('/api/users').set('Authorization', `Bearer ${member.jwt}`).send(body);
    expectStrapiError(asMember, 403);
    expect(await countUsers(app)).toBe(before + 1);
  });
});
