// @engine-neutral
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, createMember, createRole } from '../helpers/fixtures';
import { rateLimitEnv } from '../helpers/env';
import { joinPath, openPage } from '../helpers/join-page';

/**
 * users-permissions' own limit of sign-ins (its `ratelimit` config, as on /api/auth/local) applies
 * to the sign-in of the page where members accept a link, on top of the plugin's limit (set high
 * here, so that users-permissions' answers first).
 */
let app: TestApp;
useTestApp((started) => {
  app = started;
}, rateLimitEnv(1000));

test('past users-permissions’ limit of tries, the sign-in is refused with a 429 page, even with the right password', async () => {
  const { max } = app.strapi.config.get('plugin::users-permissions.ratelimit') as { max: number };
  const role = await createRole(app, 'limited-speakers', 'Limited speakers');
  const { token } = await createInvitation(app, { role: role.id, allowExistingAccounts: true });
  const member = await createMember(app);
  const path = `${joinPath(token)}/accept`;
  const { csrf, cookie } = await openPage(app, path, 'en');
  const signIn = (password: string) =>
    app
      .http()
      .post(path)
      .set('Cookie', cookie)
      .set('Accept-Language', 'en')
      .type('form')
      .send({ csrf, identifier: member.email, password });

  const statuses = [];
  for (let i = 0; i < max; i += 1) statuses.push((await signIn('wrong-password')).status);
  expect(statuses).toEqual(Array(max).fill(400));
  const limited = await signIn(member.password);
  expect(limited.status).toBe(429);
  expect(limited.text).toContain('Too many attempts');
  expect(limited.text).not.toContain('name="ticket"');
});
