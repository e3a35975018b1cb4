// @engine-neutral
import { openPage } from '../helpers/join-page';
import { register } from '../helpers/fixtures';
import { useTestApp, type TestApp } from '../helpers/strapi';

const ACCESS_REQUEST_UID = 'plugin::invitations.access-request';
const REQUEST_PATH = '/invitations/request';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

let unique = 0;
const newAddress = () => {
  unique += 1;
  return `asker${Date.now().toString(36)}${unique}@example.com`;
};

const openRequestPage = (language = 'en') => openPage(app, REQUEST_PATH, language);

const postRequestPage = async (fields: Record<string, string>, { language = 'en', withCsrf = true } = {}) => {
  const opened = await openRequestPage(language);
  return app
    .http()
    .post(REQUEST_PATH)
    .set('Cookie', withCsrf ? opened.cookie : '')
    .set('Accept-Language', language)
    .type('form')
    .send({ ...(withCsrf && { csrf: opened.csrf }), ...fields });
};

const requestsOf = (email: string) =>
  app.strapi.db.query(ACCESS_REQUEST_UID).findMany({ where: { normalizedEmail: email.toLowerCase() } });

test('shows the form in the visitor’s language, under the hosted pages’ headers, with a field only bots fill in', async () => {
  const { res, csrf } = await openRequestPage('fr');
  expect(res.status).toBe(200);
  expect(res.text).toContain('<html lang="fr">');
  expect(res.text).toContain('Demander une invitation');
  expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(res.headers['content-security-policy']).toMatch(/default-src 'none'/);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.text).not.toMatch(/<script/i);
  expect(res.text).toMatch(/<div class="trap" aria-hidden="true">[\s\S]*name="website"[^>]*tabindex="-1"/);
  // The optional fields are not required; the address is.
  expect(res.text).toMatch(/<input id="email" name="email" type="email"[^>]* required/);
  expect(res.text).not.toMatch(/<input id="name"[^>]* required/);
});

test('a request is stored before the page says it was received', async () => {
  const email = newAddress();
  const res = await postRequestPage({ email: email.toUpperCase(), name: 'Ada', message: 'I teach the evening class.' });
  expect(res.status).toBe(202);
  expect(res.text).toContain('Your request has been received.');
  const [stored, ...others] = await requestsOf(email);
  expect(others).toHaveLength(0);
  expect(stored).toMatchObject({ status: 'pending', name: 'Ada', message: 'I teach the evening class.' });
});

test('the same answer when the address asks again, and still one request', async () => {
  const email = newAddress();
  const first = await postRequestPage({ email });
  const again = await postRequestPage({ email, message: 'Asking again' });
  expect(again.status).toBe(first.status);
  expect(again.text.replace(/nonce-[^']+'|nonce="[^"]+"/g, '')).toBe(first.text.replace(/nonce-[^']+'|nonce="[^"]+"/g, ''));
  expect(await requestsOf(email)).toHaveLength(1);
});

test('a bot that fills in the hidden field gets the same page, and nothing is stored', async () => {
  const email = newAddress();
  const res = await postRequestPage({ email, website: 'https://spam.example' });
  expect(res.status).toBe(202);
  expect(res.text).toContain('Your request has been received.');
  expect(await requestsOf(email)).toHaveLength(0);
});

test('a wrong address or a field too long shows the form again with the error beside the field, and stores nothing', async () => {
  const invalid = await postRequestPage({ email: 'not-an-address', name: 'Ada' });
  expect(invalid.status).toBe(400);
  expect(invalid.text).toMatch(/aria-invalid="true"[^>]*>[\s\S]*Enter a valid email address\./);
  expect(invalid.text).toContain('value="Ada"');

  const email = newAddress();
  const tooLong = await postRequestPage({ email, message: 'x'.repeat(1001) }, { language: 'de' });
  expect(tooLong.status).toBe(400);
  expect(tooLong.text).toContain('Dieses Feld ist zu lang (höchstens 1000 Zeichen).');
  expect(await requestsOf(email)).toHaveLength(0);

  // What the API refuses, the page refuses too.
  const controlCharacter = await postRequestPage({ email, name: 'Ada\u0007' });
  expect(controlCharacter.status).toBe(400);
  expect(controlCharacter.text).toMatch(/id="name-error">This field contains characters that cannot be used\./);
  expect(await requestsOf(email)).toHaveLength(0);
});

test('without the page’s CSRF value the form comes back and nothing is stored', async () => {
  const email = newAddress();
  const res = await postRequestPage({ email }, { withCsrf: false });
  expect(res.status).toBe(403);
  expect(res.text).toContain('this form had expired');
  expect(res.text).toContain(`value="${email}"`);
  expect(await requestsOf(email)).toHaveLength(0);
});

test('a visitor without a link is pointed to the page: the code page, and the API’s 403', async () => {
  const { res } = await openPage(app, '/invitations/join', 'es');
  expect(res.text).toContain('<a href="request">¿No tienes invitación? Solicita una</a>');

  const refused = await register(app, { username: 'nolink', email: 'nolink@example.com', password: 'Password-123' });
  expect(refused.status).toBe(403);
  expect(refused.body.error.details.requestAccessUrl).toMatch(/^https?:\/\/[^/]+\/invitations\/request$/);
});
