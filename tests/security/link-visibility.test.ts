import { actionId, MASKED_TOKEN, type ActionName } from '../../shared';
import { createInvitation, inDays, personalTokenOf, sendPersonalLinks, type JsonBody } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { createAdminWithActions, startTestApp, type TestApp } from '../helpers/strapi';

/**
 * "Show and copy links": an admin whose role lacks it never receives a link's token or address,
 * in any answer of the admin API; the emails the plugin sends still carry the real link.
 */
let app: TestApp;
let smtp: TestSmtpServer;
/** A link made by the super admin, with one personal link and one email sent: what the others read. */
let invitation: JsonBody;
const PERSONAL_EMAIL = 'personal@example.com';

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp(smtp.env);
  invitation = await createInvitation(app, { name: 'Visible to some' });
  await sendPersonalLinks(app, invitation.id, [PERSONAL_EMAIL]);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});
beforeEach(() => smtp.clear());

let admins = 0;
const adminWith = (...actions: ActionName[]) => {
  admins += 1;
  return createAdminWithActions(app, `links ${admins} ${actions.join(' ')}`, actions);
};

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The whole answer, as it travels: neither the token nor the address built from it appears in it. */
const expectNoLinkIn = (res: { text: string }, token: string) => {
  expect(res.text).not.toContain(token);
  expect(res.text).not.toContain(encodeURIComponent(token));
};

/** The token of a link as the site stores it (its encrypted copy). */
const storedTokenOf = async (id: number): Promise<string> => {
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id } });
  return app.strapi.plugin('invitations').service('tokens').decrypt(row.tokenCiphertext, row.tokenHash);
};

const NEW_LINK = { name: 'Made by a limited admin', maxUses: 3, expiresAt: inDays(3) };

test('the super admin has "Show and copy links", and gets the token and the address', async () => {
  const superAdmin = await app.strapi.service('admin::role').getSuperAdmin();
  const granted = await app.strapi.db
    .query('admin::permission')
    .findMany({ where: { role: { id: superAdmin.id }, action: actionId('showLinks') } });
  expect(granted).toHaveLength(1);

  const res = await app.http().get(`/invitations/invitations/${invitation.id}`).set(as(app.adminToken));
  expect(res.body.data.token).toBe(invitation.token);
  expect(res.body.data.url).toContain(invitation.token);
});

test('an admin with only "read" reads the list, the detail, the recipients and the exports, never a token or a url', async () => {
  const reader = await adminWith('read');
  const id = invitation.id;
  const reads = [
    '/invitations/invitations',
    `/invitations/invitations?q=${encodeURIComponent(invitation.name)}`,
    `/invitations/invitations/${id}`,
    `/invitations/invitations/${id}/recipients`,
    `/invitations/invitations/${id}/redemptions`,
    `/invitations/invitations/${id}/timeline`,
    `/invitations/invitations/${id}/redemptions/export`,
    `/invitations/invitations/${id}/deliveries/export`,
    `/invitations/invitations/${id}/recipients/export`,
    '/invitations/summary',
  ];
  const personalToken = await personalTokenOf(app, id, PERSONAL_EMAIL);
  for (const url of reads) {
    const res = await app.http().get(url).set(as(reader));
    expect([url, res.status]).toEqual([url, 200]);
    expectNoLinkIn(res, invitation.token);
    expect(res.text).not.toContain(personalToken);
  }

  const list = await app.http().get('/invitations/invitations').set(as(reader));
  expect(list.body.results.length).toBeGreaterThan(0);
  for (const row of list.body.results) {
    expect(row).not.toHaveProperty('token');
    expect(row).not.toHaveProperty('url');
  }
  const detail = await app.http().get(`/invitations/invitations/${id}`).set(as(reader));
  expect(detail.body.data).toMatchObject({ id, name: invitation.name });
  expect(detail.body.data).not.toHaveProperty('token');
  expect(detail.body.data).not.toHaveProperty('url');
});

test('an admin with "read" and "send" previews the email with the link masked, and the email sent carries the real link', async () => {
  const sender = await adminWith('read', 'send');
  const preview = await app.http().post(`/invitations/invitations/${invitation.id}/email-preview`).set(as(sender)).send({});
  expect(preview.status).toBe(200);
  expectNoLinkIn(preview, invitation.token);
  const maskedUrl = invitation.url.replace(invitation.token, MASKED_TOKEN);
  expect(preview.body.data.text).toContain(maskedUrl);
  expect(preview.body.data.html).toContain(`href="${maskedUrl}"`);

  const sent = await app
    .http()
    .post(`/invitations/invitations/${invitation.id}/send`)
    .set(as(sender))
    .send({ emails: ['invitee@example.com'] });
  expect(sent.status).toBe(200);
  expect(sent.body.data.sent).toEqual(['invitee@example.com']);
  expectNoLinkIn(sent, invitation.token);
  const [message] = smtp.receivedBy('invitee@example.com');
  expect(message.mail.text).toContain(invitation.url);
  expect(String(message.mail.html)).toContain(`href="${invitation.url}"`);
});

test('an admin with "read", "create" and "update" gets no token in the create and edit answers; with "Show and copy links" they do', async () => {
  const creator = await adminWith('read', 'create', 'update');
  const created = await app.http().post('/invitations/invitations').set(as(creator)).send(NEW_LINK);
  expect(created.status).toBe(201);
  expect(created.body.data).toMatchObject({ name: NEW_LINK.name, maxUses: NEW_LINK.maxUses });
  expect(created.body.data).not.toHaveProperty('token');
  expect(created.body.data).not.toHaveProperty('url');
  const token = await storedTokenOf(created.body.data.id);
  expectNoLinkIn(created, token);

  const edited = await app.http().put(`/invitations/invitations/${created.body.data.id}`).set(as(creator)).send({ maxUses: 4 });
  expect(edited.status).toBe(200);
  expect(edited.body.data).toMatchObject({ maxUses: 4 });
  expect(edited.body.data).not.toHaveProperty('token');
  expectNoLinkIn(edited, token);

  const handsOut = await adminWith('read', 'create', 'update', 'showLinks');
  const shown = await app.http().post('/invitations/invitations').set(as(handsOut)).send(NEW_LINK);
  expect(shown.status).toBe(201);
  expect(shown.body.data.token).toBe(await storedTokenOf(shown.body.data.id));
  expect(shown.body.data.url).toContain(shown.body.data.token);
  const detail = await app.http().get(`/invitations/invitations/${created.body.data.id}`).set(as(handsOut));
  expect(detail.body.data.token).toBe(token);
});
