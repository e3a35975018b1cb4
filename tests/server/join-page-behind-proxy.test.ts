// @engine-neutral
import { createInvitation } from '../helpers/fixtures';
import { useTestApp, type TestApp } from '../helpers/strapi';

// Strapi served by a proxy under a path prefix: browsers see https://example.com/cms/...
const PUBLIC_URL = 'https://example.com/cms';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { PUBLIC_URL }
);

const cookieOf = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).join('\n');

describe('the hosted sign-up page behind a proxy with a path prefix', () => {
  test('gives links, and sets its form cookie, on the path browsers use', async () => {
    const invitation = await createInvitation(app);
    const token = invitation.url.split('/').pop();
    expect(invitation.url).toBe(`${PUBLIC_URL}/invitations/join/${token}`);

    const page = await app.http().get(`/invitations/join/${token}`);
    expect(page.status).toBe(200);
    expect(cookieOf(page)).toMatch(/invitations_csrf=[^;]+;.*path=\/cms\/invitations\/join;/);
  });

  test('a form posted without its cookie offers to open the link again, relative to the page', async () => {
    const invitation = await createInvitation(app);
    const token = invitation.url.split('/').pop() as string;
    const res = await app
      .http()
      .post(`/invitations/join/${token}`)
      .type('form')
      .send({ csrf: 'x'.repeat(43) });
    expect(res.status).toBe(403);
    // Resolved against https://example.com/cms/invitations/join/<token>: the same page.
    const href = /<a href="([^"]+)">/.exec(res.text)?.[1] as string;
    expect(new URL(href, invitation.url).href).toBe(invitation.url);
  });
});
