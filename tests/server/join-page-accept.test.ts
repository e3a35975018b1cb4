// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, createMember, createRole, findUser, seatsUsedOf, setInvitationRow } from '../helpers/fixtures';
import { joinPath, openJoinForm, openPage } from '../helpers/join-page';

const REDIRECT_ORIGIN = 'https://members.example.com';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { INVITATIONS_REDIRECT_ORIGINS: REDIRECT_ORIGIN }
);

let speakers: { id: number };
beforeAll(async () => {
  speakers = await createRole(app, 'hosted-speakers', 'Speakers');
});

const acceptPath = (token: string) => `${joinPath(token)}/accept`;

/** The sign-in page of a link, as a browser opens it: the page, its CSRF value and cookie. */
const openSignIn = (token: string, language = 'en') => openPage(app, acceptPath(token), language);

/** Signs in on the link's page; the answer is the confirmation (or the form again). */
const signIn = async (token: string, identifier: string, password: string, language = 'en') => {
  const { csrf, cookie } = await openSignIn(token, language);
  const res = await app
    .http()
    .post(acceptPath(token))
    .set('Cookie', cookie)
    .set('Accept-Language', language)
    .type('form')
    .send({ csrf, identifier, password });
  return { res, csrf, cookie };
};

/** Posts the confirmation the sign-in answered with. */
const confirm = (token: string, signedIn: { res: { text: string }; csrf: string; cookie: string }, language = 'en') => {
  const ticket = /name="ticket" value="([^"]+)"/.exec(signedIn.res.text)?.[1] ?? '';
  return app
    .http()
    .post(`${acceptPath(token)}/confirm`)
    .set('Cookie', signedIn.cookie)
    .set('Accept-Language', language)
    .type('form')
    .send({ csrf: signedIn.csrf, ticket });
};

const memberLink = (fields: Record<string, unknown> = {}) =>
  createInvitation(app, { role: speakers.id, allowExistingAccounts: true, ...fields });

describe('the sign-up form of a link', () => {
  test('points members to the sign-in page only when the link takes existing accounts', async () => {
    const open = await memberLink();
    const closed = await createInvitation(app);
    expect((await openJoinForm(app, open.token, 'en')).res.text).toContain(
      `<a href="${open.token}/accept">Already have an account? Sign in to accept this invitation</a>`
    );
    const closedPage = (await openJoinForm(app, closed.token, 'en')).res.text;
    expect(closedPage).not.toContain('/accept');
    expect(closedPage).toContain('this link only creates new accounts');
  });

  test('a link closed to existing accounts answers its sign-in page with a 403 page', async () => {
    const closed = await createInvitation(app);
    const res = await app.http().get(acceptPath(closed.token)).set('Accept-Language', 'en');
    expect(res.status).toBe(403);
    expect(res.text).toContain('This invitation only creates new accounts');
  });
});

describe('signing in, confirming, accepting', () => {
  test('the confirmation says which role changes to which, and accepting changes it and takes a seat', async () => {
    const invitation = await memberLink();
    const member = await createMember(app);

    const signedIn = await signIn(invitation.token, member.email, member.password);
    expect(signedIn.res.status).toBe(200);
    expect(signedIn.res.text).toContain(
      `You are signed in as ${member.username}. Accepting this invitation changes your role from Authenticated to Speakers.`
    );
    // Nothing changed yet: the confirmation only looked.
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
    expect(signedIn.res.text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);

    const accepted = await confirm(invitation.token, signedIn);
    expect(accepted.status).toBe(200);
    expect(accepted.text).toContain('Your role is now Speakers.');
    expect((await findUser(app, member.email)).role.id).toBe(speakers.id);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
  });

  test("sends the member to the link's page after accepting, and speaks French", async () => {
    const invitation = await memberLink({ redirectUrl: `${REDIRECT_ORIGIN}/speakers` });
    const member = await createMember(app);
    const signedIn = await signIn(invitation.token, member.username, member.password, 'fr');
    expect(signedIn.res.text).toContain('votre rôle passera de Authenticated à Speakers');
    const accepted = await confirm(invitation.token, signedIn, 'fr');
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(`${REDIRECT_ORIGIN}/speakers`);
  });

  test('a wrong password, a blocked account: the form again with the reason, nothing changed', async () => {
    const invitation = await memberLink();
    const member = await createMember(app);
    const wrong = await signIn(invitation.token, member.email, 'not-the-password');
    expect(wrong.res.status).toBe(400);
    expect(wrong.res.text).toContain('Wrong email, username or password.');
    expect(wrong.res.text).toContain(`value="${member.email}"`);

    const blocked = await createMember(app, { blocked: true });
    const refused = await signIn(invitation.token, blocked.email, blocked.password);
    expect(refused.res.status).toBe(400);
    expect(refused.res.text).toContain('This account has been blocked.');
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
  });

  test('a member who already has the role is told so after signing in, before anything changes', async () => {
    const invitation = await memberLink();
    const member = await createMember(app, { role: speakers.id });
    const signedIn = await signIn(invitation.token, member.email, member.password);
    expect(signedIn.res.status).toBe(409);
    expect(signedIn.res.text).toContain('Your account already has the role Speakers that this invitation gives.');
    expect(signedIn.res.text).not.toContain('name="ticket"');
  });

  test('a confirmation without the sign-in form value, with a forged or another link’s ticket, accepts nothing', async () => {
    const invitation = await memberLink({ maxUses: 3 });
    const other = await memberLink();
    const member = await createMember(app);
    const signedIn = await signIn(invitation.token, member.email, member.password);
    const ticket = /name="ticket" value="([^"]+)"/.exec(signedIn.res.text)?.[1] ?? '';

    const noCsrf = await app
      .http()
      .post(`${acceptPath(invitation.token)}/confirm`)
      .set('Cookie', signedIn.cookie)
      .type('form')
      .send({ ticket });
    expect(noCsrf.status).toBe(403);
    const [id, expires] = ticket.split('.');
    const forged = await app
      .http()
      .post(`${acceptPath(invitation.token)}/confirm`)
      .set('Cookie', signedIn.cookie)
      .type('form')
      .send({ csrf: signedIn.csrf, ticket: `${id}.${Number(expires) + 3_600_000}.${ticket.split('.')[2]}` });
    expect(forged.status).toBe(401);
    expect(forged.text).toContain('Your sign-in has expired.');
    const elsewhere = await app
      .http()
      .post(`${acceptPath(other.token)}/confirm`)
      .set('Cookie', signedIn.cookie)
      .type('form')
      .send({ csrf: signedIn.csrf, ticket });
    expect(elsewhere.status).toBe(401);

    expect((await findUser(app, member.email)).role.type).toBe('authenticated');
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
    expect(await seatsUsedOf(app, other.id)).toBe(0);
  });

  test('a link used up between the sign-in and the confirmation says so', async () => {
    const invitation = await memberLink({ maxUses: 1 });
    const member = await createMember(app);
    const signedIn = await signIn(invitation.token, member.email, member.password);
    await setInvitationRow(app, invitation.id, { usedCount: 1 });
    const late = await confirm(invitation.token, signedIn);
    expect(late.status).toBe(410);
    expect(late.text).toContain('This invitation link has been used up');
    expect((await findUser(app, member.email)).role.type).toBe('authenticated');
  });

  test('the pages keep the sign-up page’s protections: CSP without scripts, no-store, no referrer', async () => {
    const invitation = await memberLink();
    const { res } = await openSignIn(invitation.token);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(res.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.text).not.toContain('<script');
    expect(res.text).toMatch(/type="password"[^>]*autocomplete="current-password"/);
  });
});
