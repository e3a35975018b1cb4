// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { countUsers, createInvitation, newAccount, seatsUsedOf, setInvitationRow } from '../helpers/fixtures';
import { joinPath, openJoinForm, submitJoinForm } from '../helpers/join-page';

const REDIRECT_ORIGIN = 'https://members.example.com';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { INVITATIONS_REDIRECT_ORIGINS: REDIRECT_ORIGIN }
);

const openForm = (token: string, language = 'en') => openJoinForm(app, token, language);
const submitForm = (token: string, fields: Record<string, string>, language = 'en') =>
  submitJoinForm(app, token, fields, language);

describe('opening a link', () => {
  test('shows a form with the welcome text, escaped, and the expiry, in English by default', async () => {
    const invitation = await createInvitation(app, {
      name: 'Admin-only name',
      welcomeMessage: 'Hi <b>friends</b> & "family"\n\nSecond paragraph',
    });
    const { res, csrf } = await openForm(invitation.token, '');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.text).toContain('<html lang="en">');
    expect(res.text).toContain('Create your account');
    expect(res.text).toContain('<p>Hi &lt;b&gt;friends&lt;/b&gt; &amp; &quot;family&quot;</p><p>Second paragraph</p>');
    expect(res.text).not.toContain('Admin-only name');
    expect(res.text).toMatch(/name="username"[^>]*autocomplete="username"/);
    expect(res.text).toMatch(/type="password"[^>]*autocomplete="new-password"/);
    expect(res.text).toMatch(/valid until .*UTC/);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('speaks French to a French browser', async () => {
    const invitation = await createInvitation(app);
    const { res } = await openForm(invitation.token, 'fr-FR,fr;q=0.9,en;q=0.5');
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Créer votre compte');
    expect(res.headers['content-language']).toBe('fr');
  });

  test('keeps the token on the page: no referrer, no outside resources, no caching, no framing', async () => {
    const invitation = await createInvitation(app);
    const { res } = await openForm(invitation.token);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`form-action 'self' ${REDIRECT_ORIGIN}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.text).not.toMatch(/(src|href)="https?:/);
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  test.each([
    ['an unknown', async () => 'A'.repeat(43), 404, 'This invitation link does not exist'],
    ['a malformed', async () => 'not-a-token', 404, 'This invitation link does not exist'],
    [
      'an expired',
      async () => {
        const invitation = await createInvitation(app);
        await setInvitationRow(app, invitation.id, { expiresAt: new Date(Date.now() - 1000) });
        return invitation.token;
      },
      410,
      'This invitation link has expired',
    ],
    [
      'a used-up',
      async () => {
        const invitation = await createInvitation(app, { maxUses: 1 });
        await setInvitationRow(app, invitation.id, { usedCount: 1 });
        return invitation.token;
      },
      410,
      'This invitation link has been used up',
    ],
    [
      'a deleted',
      async () => {
        const invitation = await createInvitation(app);
        await app.http().delete(`/invitations/invitations/${invitation.id}`).set('Authorization', `Bearer ${app.adminToken}`);
        return invitation.token;
      },
      404,
      'This invitation link does not exist',
    ],
  ])('%s link shows an error page with no form', async (_label, makeToken, status, title) => {
    const { res } = await openForm(await makeToken());
    expect(res.status).toBe(status);
    expect(res.text).toContain(title);
    expect(res.text).not.toContain('<form');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('signing up on the page', () => {
  test('creates the account, takes one seat and shows a confirmation', async () => {
    const invitation = await createInvitation(app, { userDefaults: { newsletter: true } });
    const account = newAccount();
    const res = await submitForm(invitation.token, account);
    expect(res.status).toBe(201);
    expect(res.text).toContain('Your account is ready');
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: account.email } });
    expect(user).toMatchObject({ username: account.username, newsletter: true });
    const login = await app.http().post('/api/auth/local').send({ identifier: account.email, password: account.password });
    expect(login.status).toBe(200);
  });

  test("sends the new user to the invitation's redirect", async () => {
    const invitation = await createInvitation(app, { redirectUrl: `${REDIRECT_ORIGIN}/welcome` });
    const res = await submitForm(invitation.token, newAccount());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${REDIRECT_ORIGIN}/welcome`);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  test('shows field errors in place, keeps what was typed except the password, and uses no seat', async () => {
    const invitation = await createInvitation(app);
    const before = await countUsers(app);
    const res = await submitForm(invitation.token, { username: 'Jeanne <3', email: 'not-an-email', password: 'secret-pw' }, 'fr');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Tapez une adresse électronique valide.');
    expect(res.text).toMatch(/id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error"/);
    expect(res.text).toContain('value="Jeanne &lt;3"');
    expect(res.text).not.toContain('secret-pw');
    expect(res.text).toContain('role="alert"');
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
    expect(await countUsers(app)).toBe(before);
  });

  test('an empty form gets "required" on each field', async () => {
    const invitation = await createInvitation(app);
    const res = await submitForm(invitation.token, { username: '', email: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.text.match(/This field is required\./g)).toHaveLength(3);
  });

  test('an email already registered is told to log in, and uses no seat', async () => {
    const invitation = await createInvitation(app);
    const account = newAccount();
    expect((await submitForm(invitation.token, account)).status).toBe(201);
    const res = await submitForm(invitation.token, { ...newAccount(), email: account.email });
    expect(res.status).toBe(400);
    expect(res.text).toContain('An account already uses this email or username. If it is yours, log in');
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test('a form posted without its CSRF cookie or value is refused and creates nothing', async () => {
    const invitation = await createInvitation(app);
    const before = await countUsers(app);
    const { csrf, cookie } = await openForm(invitation.token);
    const forged = await app
      .http()
      .post(joinPath(invitation.token))
      .type('form')
      .send({ csrf, ...newAccount() });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This form has expired');
    expect(forged.text).toContain(`href="${invitation.token}"`); // relative: this very page
    const wrongValue = await app
      .http()
      .post(joinPath(invitation.token))
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf: 'x'.repeat(43), ...newAccount() });
    expect(wrongValue.status).toBe(403);
    expect(await countUsers(app)).toBe(before);
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
  });

  test('a link used up between opening and posting shows the used-up page', async () => {
    const invitation = await createInvitation(app, { maxUses: 1 });
    const { csrf, cookie } = await openForm(invitation.token);
    await setInvitationRow(app, invitation.id, { usedCount: 1 });
    const res = await app
      .http()
      .post(joinPath(invitation.token))
      .set('Cookie', cookie)
      .type('form')
      .send({ csrf, ...newAccount() });
    expect(res.status).toBe(410);
    expect(res.text).toContain('This invitation link has been used up');
  });

  test('odd form values get a 4xx page, never a server error', async () => {
    const invitation = await createInvitation(app);
    const { csrf, cookie } = await openForm(invitation.token);
    const res = await app
      .http()
      .post(joinPath(invitation.token))
      .set('Cookie', cookie)
      .type('form')
      .send(`csrf=${csrf}&username[]=a&username[]=b&email[x]=y&password=${'p'.repeat(100)}`);
    expect(res.status).toBe(400);
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
  });
});

describe('a link limited to some email domains', () => {
  test('says under the email field which domains will do, in the visitor’s language', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['example.com', '*.example.org'] });
    const { res } = await openForm(invitation.token);
    expect(res.text).toMatch(/id="email"[^>]*aria-describedby="email-hint"/);
    expect(res.text).toContain(
      '<p class="hint" id="email-hint">Only addresses at these domains can be used: example.com, *.example.org (* stands for any subdomain).</p>'
    );
    const { res: french } = await openForm(invitation.token, 'fr');
    expect(french.text).toContain(
      'Seules les adresses de ces domaines sont acceptées : example.com, *.example.org (* désigne n’importe quel sous-domaine).'
    );

    const anyAddress = await createInvitation(app);
    expect((await openForm(anyAddress.token)).res.text).not.toContain('email-hint');
  });

  test('refuses another address next to the email field, keeps what was typed, and uses no seat', async () => {
    const invitation = await createInvitation(app, { allowedEmailDomains: ['example.com'] });
    const before = await countUsers(app);
    const account = { ...newAccount(), email: 'jeanne@example.net' };
    const res = await submitForm(invitation.token, account, 'fr');
    expect(res.status).toBe(403);
    expect(res.text).toMatch(
      /id="email"[^>]*value="jeanne@example.net" aria-invalid="true" aria-describedby="email-hint email-error"/
    );
    expect(res.text).toContain(
      '<p class="field-error" id="email-error">Cette invitation n’accepte pas les adresses de ce domaine. Utilisez une adresse de l’un des domaines ci-dessus.</p>'
    );
    expect(res.text).toContain(`value="${account.username}"`);
    expect(res.text).toContain('role="alert"');
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
    expect(await countUsers(app)).toBe(before);

    const english = await submitForm(invitation.token, { ...newAccount(), email: 'jeanne@example.net' });
    expect(english.text).toContain(
      'This invitation does not accept addresses at this domain. Use an address at one of the domains above.'
    );
    expect((await submitForm(invitation.token, newAccount())).status).toBe(201);
  });
});
