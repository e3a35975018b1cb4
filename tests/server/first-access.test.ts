// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';
import { createInvitation, expectStrapiError, findUser, newAccount, register } from '../helpers/fixtures';

const ALLOWED_ORIGIN = 'https://members.example.com';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { INVITATIONS_REDIRECT_ORIGINS: ALLOWED_ORIGIN }
);

const post = (body: Record<string, unknown>) =>
  app.http().post('/invitations/invitations').set('Authorization', `Bearer ${app.adminToken}`).send(body);
const put = (id: number, body: Record<string, unknown>) =>
  app.http().put(`/invitations/invitations/${id}`).set('Authorization', `Bearer ${app.adminToken}`).send(body);
const validLink = (fields: Record<string, unknown>) => ({
  name: 'First access',
  maxUses: 3,
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  ...fields,
});
const countInvitations = () => app.strapi.db.query('plugin::invitations.invitation').count();

describe('the first access an invitation sets', () => {
  test('welcome text, redirect and presets are saved and shown to admins', async () => {
    const invitation = await createInvitation(app, {
      welcomeMessage: '  Welcome to the riders club!\nSee you on Sunday.  ',
      redirectUrl: `${ALLOWED_ORIGIN}/start?from=invitation`,
      userDefaults: { homeSection: 'events', newsletter: true, interests: 'cycling' },
    });
    expect(invitation).toMatchObject({
      welcomeMessage: 'Welcome to the riders club!\nSee you on Sunday.',
      redirectUrl: `${ALLOWED_ORIGIN}/start?from=invitation`,
      userDefaults: { homeSection: 'events', newsletter: true, interests: 'cycling' },
    });
    const res = await put(invitation.id, { welcomeMessage: '', redirectUrl: '  ', userDefaults: null });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ welcomeMessage: null, redirectUrl: null, userDefaults: {} });
  });

  test('the dialog is told which fields can be preset and which origins are allowed', async () => {
    const res = await app.http().get('/invitations/first-access').set('Authorization', `Bearer ${app.adminToken}`);
    expect(res.status).toBe(200);
    expect(res.body.data.redirectOrigins).toEqual([ALLOWED_ORIGIN]);
    const names = res.body.data.userFields.map((field: { name: string }) => field.name);
    expect(names).toEqual(expect.arrayContaining(['homeSection', 'interests', 'newsletter']));
    // users-permissions' account fields and Strapi's system fields are never presets.
    for (const name of ['username', 'email', 'password', 'role', 'confirmed', 'blocked', 'provider']) {
      expect(names).not.toContain(name);
    }
    for (const name of ['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'locale']) {
      expect(names).not.toContain(name);
    }
    expect(res.body.data.userFields).toContainEqual({
      name: 'homeSection',
      type: 'enumeration',
      enum: ['news', 'events', 'community'],
    });
  });

  test.each([
    [{ redirectUrl: 'https://evil.example.net/phish' }, /allowed origins: https:\/\/members\.example\.com/],
    [{ redirectUrl: 'https://members.example.com.evil.net/' }, /allowed origins/],
    [{ redirectUrl: 'http://members.example.com/' }, /allowed origins/],
    [{ redirectUrl: 'javascript:alert(1)' }, /absolute http\(s\) URL/],
    [{ redirectUrl: '/relative/path' }, /absolute http\(s\) URL/],
    [{ redirectUrl: `${ALLOWED_ORIGIN}/${'a'.repeat(2100)}` }, /at most 2048/],
    [{ welcomeMessage: 'x'.repeat(2001) }, /at most 2000/],
    [{ welcomeMessage: 'bell\u0007' }, /control characters/],
    [{ welcomeMessage: 42 }, /must be a string/],
    [{ userDefaults: ['newsletter'] }, /object of user fields/],
    [{ userDefaults: 'newsletter' }, /object of user fields/],
    [{ userDefaults: { role: 1 } }, /cannot set "role"/],
    [{ userDefaults: { confirmed: true } }, /cannot set "confirmed"/],
    [{ userDefaults: { email: 'a@b.c' } }, /cannot set "email"/],
    [{ userDefaults: { constructor: 'x' } }, /cannot set "constructor"/],
    [{ userDefaults: { createdAt: '2020-01-01T00:00:00Z' } }, /cannot set "createdAt"/],
    [{ userDefaults: { locale: 'fr' } }, /cannot set "locale"/],
    [{ userDefaults: { unknownField: 1 } }, /cannot set "unknownField"; fields that can be set: .*newsletter/],
    [{ userDefaults: { newsletter: 'yes' } }, /userDefaults\.newsletter/],
    [{ userDefaults: { homeSection: 'shop' } }, /userDefaults\.homeSection/],
    [{ userDefaults: { interests: 'x'.repeat(201) } }, /userDefaults\.interests/],
  ])('refuses %j with a 400 and creates nothing', async (fields, message) => {
    const before = await countInvitations();
    const res = await post(validLink(fields));
    expectStrapiError(res, 400, message);
    expect(res.body.error.details.errors[0].path[0]).toBe(Object.keys(fields)[0]);
    expect(await countInvitations()).toBe(before);
  });

  test('a refused edit changes nothing', async () => {
    const invitation = await createInvitation(app, { userDefaults: { newsletter: true } });
    expectStrapiError(
      await put(invitation.id, { name: 'Renamed', userDefaults: { blocked: true } }),
      400,
      /cannot set "blocked"/
    );
    const res = await app
      .http()
      .get(`/invitations/invitations/${invitation.id}`)
      .set('Authorization', `Bearer ${app.adminToken}`);
    expect(res.body.data).toMatchObject({ name: invitation.name, userDefaults: { newsletter: true } });
  });
});

describe('what the invitee gets', () => {
  test('the public status shows the welcome text and redirect, never the name or presets', async () => {
    const invitation = await createInvitation(app, {
      name: 'Secret admin note',
      welcomeMessage: 'Hello!',
      redirectUrl: `${ALLOWED_ORIGIN}/welcome`,
      userDefaults: { interests: 'private' },
    });
    const res = await app.http().get(`/api/invitations/${invitation.token}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      expiresAt: invitation.expiresAt,
      remaining: invitation.maxUses,
      welcomeMessage: 'Hello!',
      redirectUrl: `${ALLOWED_ORIGIN}/welcome`,
      allowedEmailDomains: [],
      allowExistingAccounts: false,
    });
  });

  test('the new account has the role and presets, which win over what the invitee sent', async () => {
    const roles = await app.http().get('/invitations/roles').set('Authorization', `Bearer ${app.adminToken}`);
    const authenticated = roles.body.data.find((role: { type: string }) => role.type === 'authenticated');
    const invitation = await createInvitation(app, {
      role: authenticated.id,
      redirectUrl: `${ALLOWED_ORIGIN}/welcome`,
      userDefaults: { homeSection: 'community', newsletter: true, interests: 'climbing' },
    });
    const account = newAccount();
    const res = await register(app, { ...account, invitationToken: invitation.token });
    expect(res.status).toBe(200);
    expect(res.body.redirectUrl).toBe(`${ALLOWED_ORIGIN}/welcome`);
    expect(res.body.user).toMatchObject({
      email: account.email,
      homeSection: 'community',
      newsletter: true,
      interests: 'climbing',
    });
    expect(await findUser(app, account.email)).toMatchObject({
      homeSection: 'community',
      newsletter: true,
      interests: 'climbing',
      role: { id: authenticated.id },
    });
  });

  test('a preset that no longer fits the user model is left out with a warning; the others still apply', async () => {
    const invitation = await createInvitation(app, { userDefaults: { homeSection: 'events', newsletter: true } });
    // As if the site had since removed "events" from the enumeration.
    await app.strapi.db
      .query('plugin::invitations.invitation')
      .update({ where: { id: invitation.id }, data: { userDefaults: { homeSection: 'removed-value', newsletter: true } } });
    const warned = jest.spyOn(app.strapi.log, 'warn');
    try {
      const account = newAccount();
      const res = await register(app, { ...account, invitationToken: invitation.token });
      expect(res.status).toBe(200);
      const user = await findUser(app, account.email);
      expect(user.newsletter).toBe(true);
      expect(user.homeSection).not.toBe('removed-value');
      expect(warned).toHaveBeenCalledWith(
        expect.stringMatching(new RegExp(`invitation ${invitation.id}: preset "homeSection" no longer fits`))
      );
    } finally {
      warned.mockRestore();
    }
  });

  test('without a redirect, registration says so with null', async () => {
    const invitation = await createInvitation(app);
    const res = await register(app, { ...newAccount(), invitationToken: invitation.token });
    expect(res.status).toBe(200);
    expect(res.body.redirectUrl).toBeNull();
  });
});

describe('the invitation.redeemed event', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());
  const received = () => receiver.received;

  const createWebhook = (event: string) =>
    app
      .http()
      .post('/admin/webhooks')
      .set('Authorization', `Bearer ${app.adminToken}`)
      .send({ name: `On ${event}`, url: receiver.url, headers: {}, events: [event] });

  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 100 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  test('is offered to webhooks, and a webhook receives each redemption, not failed ones', async () => {
    const hook = await createWebhook('invitation.redeemed');
    expect(hook.status).toBe(201);

    const invitation = await createInvitation(app, { name: 'Club launch', maxUses: 1 });
    const account = newAccount();
    const emitted: unknown[] = [];
    app.strapi.eventHub.on('invitation.redeemed', async (payload: unknown) => {
      emitted.push(payload);
    });

    expect((await register(app, { ...account, password: '', invitationToken: invitation.token })).status).toBe(400);
    const res = await register(app, { ...account, invitationToken: invitation.token });
    expect(res.status).toBe(200);
    await waitFor(() => received().length > 0);

    const expected = {
      invitation: { id: invitation.id, name: 'Club launch' },
      user: { id: res.body.user.id, email: account.email },
      redeemedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      kind: 'registered',
    };
    expect(emitted).toEqual([expected]);
    expect(received()).toHaveLength(1);
    expect(received()[0].body).toMatchObject({ event: 'invitation.redeemed', ...expected });
  });

  test('a listener that throws is logged, and neither the sign-up nor the process fails', async () => {
    const invitation = await createInvitation(app, { maxUses: 1 });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    const logError = jest.spyOn(app.strapi.log, 'error');
    const stopListening = app.strapi.eventHub.on('invitation.redeemed', async () => {
      throw new Error('onboarding is down');
    });
    try {
      const res = await register(app, { ...newAccount(), invitationToken: invitation.token });
      expect(res.status).toBe(200);
      await waitFor(() => logError.mock.calls.length > 0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(logError).toHaveBeenCalledWith(expect.stringContaining('onboarding is down'));
      expect(rejections).toEqual([]);
    } finally {
      stopListening();
      logError.mockRestore();
      process.off('unhandledRejection', onRejection);
    }
  });

  test('an unknown webhook event is still refused, so the registration above is what makes ours valid', async () => {
    expect((await createWebhook('invitation.unknown')).status).toBe(400);
  });
});
