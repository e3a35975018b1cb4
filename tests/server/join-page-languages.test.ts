// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation } from '../helpers/fixtures';
import { joinPath, submitJoinForm } from '../helpers/join-page';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

/** The hosted page of a new link, with this query string and Accept-Language header. */
const openPage = async (query: string, acceptLanguage?: string) => {
  const invitation = await createInvitation(app);
  const get = app.http().get(`${joinPath(invitation.token)}${query}`);
  return acceptLanguage === undefined ? get : get.set('Accept-Language', acceptLanguage);
};

const TITLES: Record<string, string> = {
  en: 'Create your account',
  fr: 'Créer votre compte',
  de: 'Konto erstellen',
  es: 'Crea tu cuenta',
  it: 'Crea il tuo account',
  'pt-BR': 'Crie sua conta',
  nl: 'Maak uw account aan',
};

const expectLanguage = (res: { status: number; text: string; headers: Record<string, string> }, locale: string) => {
  expect(res.status).toBe(200);
  expect(res.text).toContain(`<html lang="${locale}">`);
  expect(res.text).toContain(`<h1>${TITLES[locale]}</h1>`);
  expect(res.headers['content-language']).toBe(locale);
  expect(res.headers.vary).toMatch(/\bAccept-Language\b/);
};

describe('the language of the hosted page', () => {
  test.each(Object.keys(TITLES))('?lang=%s speaks that language, whatever the browser asks for', async (locale) => {
    expectLanguage(await openPage(`?lang=${locale}`, 'ja, fr;q=0.1'), locale);
  });

  test('Accept-Language: the preference with the highest q-value that the page speaks', async () => {
    expectLanguage(await openPage('', 'ja, fr;q=0.5, es;q=0.8, de;q=0.7'), 'es');
    expectLanguage(await openPage('', 'it;q=0.2, nl'), 'nl');
  });

  test('Accept-Language: a regional tag takes its language, Portuguese takes Brazilian Portuguese', async () => {
    expectLanguage(await openPage('', 'de-AT'), 'de');
    expectLanguage(await openPage('', 'pt-PT, en;q=0.1'), 'pt-BR');
    expectLanguage(await openPage('', 'es-MX,es;q=0.9'), 'es');
  });

  test('English when nothing the browser asks for is spoken, or it asks for nothing', async () => {
    expectLanguage(await openPage('', 'ja, zh-CN;q=0.8'), 'en');
    expectLanguage(await openPage(''), 'en');
    expectLanguage(await openPage('', 'de;q=0, fr;q=0'), 'en');
  });

  test('an unknown or repeated ?lang= is ignored, without an error: the browser’s language, else English', async () => {
    expectLanguage(await openPage('?lang=xx', 'nl'), 'nl');
    expectLanguage(await openPage('?lang=%3Cscript%3E'), 'en');
    expectLanguage(await openPage('?lang=de&lang=fr', 'it'), 'it');
    const res = await openPage('?lang=xx');
    expect(res.text).not.toContain('lang=xx');
  });

  test('links to the page in each other language, plain links that carry ?lang=', async () => {
    const res = await openPage('?lang=de');
    const links = [...res.text.matchAll(/<a href="\?lang=([\w-]+)" hreflang="([\w-]+)" lang="[\w-]+">([^<]+)<\/a>/g)];
    expect(links.map(([, href, hreflang]) => [href, hreflang])).toEqual(
      ['en', 'fr', 'es', 'it', 'pt-BR', 'nl'].map((locale) => [locale, locale])
    );
    expect(links.map(([, , , name]) => name)).toContain('Português (Brasil)');
    expect(res.text).toContain('<nav class="languages" aria-label="Sprache">');
    expect(res.text).toContain('<strong lang="de" aria-current="true">Deutsch</strong>');
    // Still no script and nothing from elsewhere, under the same policy.
    expect(res.text).not.toContain('<script');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  test('a form posted from a ?lang= page answers in that language', async () => {
    const invitation = await createInvitation(app);
    const path = `${joinPath(invitation.token)}?lang=es`;
    const page = await app.http().get(path).set('Accept-Language', 'fr');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const cookie = ((page.headers['set-cookie'] as unknown as string[]) ?? []).map((c) => c.split(';')[0]).join('; ');
    const res = await app
      .http()
      .post(path)
      .set('Cookie', cookie)
      .set('Accept-Language', 'fr')
      .type('form')
      .send({ csrf, username: 'ana', email: 'not-an-email', password: 'secret-pw' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('<html lang="es">');
    expect(res.text).toContain('Introduce una dirección de correo electrónico válida.');
  });

  test('the expired-form page’s link back keeps the ?lang= chosen', async () => {
    const invitation = await createInvitation(app);
    const res = await app
      .http()
      .post(`${joinPath(invitation.token)}?lang=it`)
      .type('form')
      .send({ csrf: 'forged', username: 'x', email: 'x@example.com', password: 'secret-pw' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('<html lang="it">');
    expect(res.text).toContain(`href="${invitation.token}?lang=it"`);
  });

  test('the pages of an unusable link speak the language too, in Dutch here', async () => {
    const res = await app.http().get(`${joinPath('no-such-token')}?lang=nl`);
    expect(res.status).toBe(404);
    expect(res.text).toContain('<html lang="nl">');
    expect(res.text).toContain('Deze uitnodigingslink bestaat niet');
    expect(res.headers['content-language']).toBe('nl');
  });

  test('the account-created page has no language links (they would lead back to the form)', async () => {
    const invitation = await createInvitation(app);
    const res = await submitJoinForm(
      app,
      invitation.token,
      { username: 'jonas', email: 'jonas@example.com', password: 'secret-pw' },
      'de-DE,de;q=0.9'
    );
    expect(res.status).toBe(201);
    expect(res.text).toContain('<html lang="de">');
    expect(res.text).toContain('Ihr Konto ist bereit');
    expect(res.text).not.toContain('class="languages"');
  });
});
