import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation } from '../helpers/fixtures';
import { captureLogs } from '../helpers/logs';

/**
 * The request log never holds a token, however its path is spelled: Strapi's router matches token
 * routes whatever the case, and a proxy may decode `%2F` or merge slashes before Strapi sees them.
 */
describe('no token in the request log', () => {
  let app: TestApp;
  let logLines: string[] = [];
  const createdTokens: string[] = [];
  useTestApp((started) => {
    app = started;
    logLines = captureLogs(app.strapi);
  });

  const newToken = async () => {
    const { token } = await createInvitation(app);
    createdTokens.push(token);
    return token as string;
  };

  test.each([
    ['/API/Invitations/{token}', '/api/invitations/[token]'],
    ['/api/INVITATIONS/{token}?lang=fr', '/api/invitations/[token]?lang=fr'],
    ['/invitations/JOIN/{token}', '/invitations/join/[token]'],
    ['/Invitations/Join/{token}/', '/invitations/join/[token]/'],
    ['/api//invitations/{token}/', '/api/invitations/[token]/'],
    ['//api/invitations//{token}', '/api/invitations/[token]'],
    ['/invitations/join//{token}', '/invitations/join/[token]'],
    ['/api/invitations%2F{token}', '/api/invitations/[token]'],
    ['/api%2finvitations%2F{token}', '/api/invitations/[token]'],
    ['/invitations%2Fjoin%2F{token}', '/invitations/join/[token]'],
    ['/api/invitations/%2F{token}', '/api/invitations/[token]'],
    ['/api/invitations%252F{token}', '/api/invitations/[token]'],
    ['/api/invitations/{token}%2Fconnect%2Fgithub', '/api/invitations/[token]/connect/github'],
    ['/API/invitations/{token}/connect/github', '/api/invitations/[token]/connect/github'],
  ])('GET %s is logged as %s', async (spelling, logged) => {
    const token = await newToken();
    await app.http().get(spelling.replace('{token}', token));
    const lines = logLines.filter((line) => line.includes(logged));
    expect(lines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => line.includes(token))).toEqual([]);
  });

  test('a token spelled with percent-encoded letters is not logged either', async () => {
    const token = await newToken();
    const encoded = [...token].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('');
    await app.http().get(`/api/invitations/${encoded}`);
    expect(logLines.some((line) => line.includes('/api/invitations/[token]'))).toBe(true);
    expect(logLines.filter((line) => line.includes(token) || line.includes(encoded))).toEqual([]);
  });

  test.each([
    ['/api/invitations/code/{code}', '/api/invitations/code/[token]'],
    ['/API/Invitations/CODE/{code}/accept', '/api/invitations/code/[token]/accept'],
    ['/api/invitations/code%2F{code}', '/api/invitations/code/[token]'],
  ])('a code typed by hand: %s is logged as %s', async (spelling, logged) => {
    const code = `LOGGED-${Date.now().toString(36).toUpperCase()}`;
    await createInvitation(app, { code });
    await app.http().get(spelling.replace('{code}', code));
    await app.http().post(spelling.replace('{code}', code));
    expect(logLines.some((line) => line.includes(logged))).toBe(true);
    expect(logLines.filter((line) => line.toUpperCase().includes(code))).toEqual([]);
  });

  test.each([
    ['/invitations/join?code={code}', '/invitations/join?code=[code]'],
    ['/Invitations/Join/?lang=fr&CODE={code}', '/invitations/join/?lang=fr&CODE=[code]'],
    ['/invitations/join?%63ode={code}', '/invitations/join?code=[code]'],
  ])('the code page filled in from a QR code: %s is logged as %s', async (spelling, logged) => {
    const code = `QR-${Date.now().toString(36).toUpperCase()}`;
    await app.http().get(spelling.replace('{code}', code));
    expect(logLines.some((line) => line.includes(logged))).toBe(true);
    expect(logLines.filter((line) => line.toUpperCase().includes(code))).toEqual([]);
  });

  // Last: every line the file made Strapi and the plugin log, for every token it created.
  test('the whole log of this file holds none of its tokens', () => {
    expect(createdTokens.length).toBeGreaterThan(10);
    const log = logLines.join('\n');
    expect(createdTokens.filter((token) => log.includes(token))).toEqual([]);
  });
});
