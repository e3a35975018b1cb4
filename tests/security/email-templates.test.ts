import { ACTIONS, type ActionName } from '../../shared';
import { createApiToken, signedUpUserJwt } from '../helpers/content-api';
import { createInvitation, expectStrapiError, personalTokenOf, sendPersonalLinks } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { createAdminWithActions, startTestApp, type TestApp } from '../helpers/strapi';

/**
 * "Edit email templates": who may read, change, reset or test the emails' templates, and what the
 * plugin's store keeps of them (the admin's text, never a token or an address).
 */
let app: TestApp;
let smtp: TestSmtpServer;
let withoutTheAction: string;
let endUserJwt: string;
let readOnlyApiToken: string;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp(smtp.env);
  const others = (Object.keys(ACTIONS) as ActionName[]).filter((action) => action !== 'editEmailTemplates');
  withoutTheAction = await createAdminWithActions(app, 'every action but templates', others);
  endUserJwt = await signedUpUserJwt(app);
  readOnlyApiToken = await createApiToken(app, 'read-only');
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

const EDIT = { subject: 'Edited {{siteName}}', body: 'Edited body: {{link}}' };
const storedEdits = () => app.strapi.store({ type: 'plugin', name: 'invitations' }).get({ key: 'email-templates' });

const ROUTES: Array<[method: 'get' | 'put' | 'delete' | 'post', url: string]> = [
  ['get', '/invitations/email-templates'],
  ['put', '/invitations/email-templates/invitation/en'],
  ['delete', '/invitations/email-templates/invitation/en'],
  ['post', '/invitations/email-templates/invitation/en/test'],
];

describe.each(ROUTES)('%s %s', (method, url) => {
  const call = (authorization?: string) => {
    const request = app.http()[method](url);
    if (authorization) request.set('Authorization', authorization);
    return method === 'put' ? request.send(EDIT) : request;
  };

  test('without a token: 401, no email, nothing stored', async () => {
    expectStrapiError(await call(), 401);
    expect(smtp.received).toHaveLength(0);
    expect(await storedEdits()).toBeNull();
  });

  test.each([
    ['an end user (users-permissions JWT)', () => endUserJwt],
    ['a read-only API token', () => readOnlyApiToken],
  ])('as %s: 401, no email, nothing stored', async (_caller, bearer) => {
    expectStrapiError(await call(`Bearer ${bearer()}`), 401);
    expect(smtp.received).toHaveLength(0);
    expect(await storedEdits()).toBeNull();
  });

  test('as an admin with every other action of the plugin: 403, no email, nothing stored', async () => {
    expectStrapiError(await call(`Bearer ${withoutTheAction}`), 403);
    expect(smtp.received).toHaveLength(0);
    expect(await storedEdits()).toBeNull();
  });
});

test('the store keeps the edits only: no token or address of the emails sent with them', async () => {
  const admin = { Authorization: `Bearer ${app.adminToken}` };
  expect((await app.http().put('/invitations/email-templates/invitation/en').set(admin).send(EDIT)).status).toBe(200);
  expect((await app.http().put('/invitations/email-templates/personal-invitation/en').set(admin).send(EDIT)).status).toBe(200);
  const invitation = await createInvitation(app);
  const shared = await app
    .http()
    .post(`/invitations/invitations/${invitation.id}/send`)
    .set(admin)
    .send({ emails: ['shared@example.com'], locale: 'en' });
  expect(shared.status).toBe(200);
  await sendPersonalLinks(app, invitation.id, ['personal@example.com']);
  const personalToken = await personalTokenOf(app, invitation.id, 'personal@example.com');
  const sharedToken = String(invitation.url).split('/').pop() as string;
  // The emails did carry the tokens...
  expect(smtp.receivedBy('shared@example.com')[0].mail.text).toContain(sharedToken);
  expect(smtp.receivedBy('personal@example.com')[0].mail.text).toContain(personalToken);
  // ...the store did not keep them.
  expect(await storedEdits()).toEqual({ invitation: { en: EDIT }, 'personal-invitation': { en: EDIT } });
  const stored = JSON.stringify(await storedEdits());
  for (const secret of [sharedToken, personalToken, 'shared@example.com', 'personal@example.com']) {
    expect(stored).not.toContain(secret);
  }
});
