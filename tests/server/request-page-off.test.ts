// @engine-neutral
import { openPage } from '../helpers/join-page';
import { register } from '../helpers/fixtures';
import { useTestApp, type TestApp } from '../helpers/strapi';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { INVITATIONS_REQUEST_ACCESS: 'false' }
);

test('a site that takes no requests shows no request page, and points nobody to it', async () => {
  const page = await app.http().get('/invitations/request').set('Accept-Language', 'en');
  expect(page.status).toBe(404);
  expect(page.text).toContain('Requests are closed');

  const post = await app.http().post('/invitations/request').type('form').send({ email: 'someone@example.com' });
  expect(post.status).toBe(404);
  expect(await app.strapi.db.query('plugin::invitations.access-request').count()).toBe(0);

  const { res } = await openPage(app, '/invitations/join', 'en');
  expect(res.text).not.toContain('Ask for one');

  const refused = await register(app, { username: 'nolink', email: 'nolink@example.com', password: 'Password-123' });
  expect(refused.status).toBe(403);
  expect(refused.body.error.details).toEqual({});
});
