import { ACTIONS, type ActionName } from '../../shared';
import { createApiToken, signedUpUserJwt } from '../helpers/content-api';
import { createInvitation, createRole, expectStrapiError } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { createAdminWithActions, startTestApp, type TestApp } from '../helpers/strapi';

/**
 * "Review access requests": who may list, approve, decline and resend, and what the public route
 * gives away. Approving mails a personal link, so a caller without the action must change nothing
 * and send nothing; the list holds people's addresses and messages.
 */
let app: TestApp;
let smtp: TestSmtpServer;
let withoutTheAction: string;
let endUserJwt: string;
let readOnlyApiToken: string;
let fullAccessApiToken: string;
let invitationId: number;
let requestId: number;

const REQUEST_UID = 'plugin::invitations.access-request';

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp(smtp.env);
  const others = (Object.keys(ACTIONS) as ActionName[]).filter((action) => action !== 'reviewAccessRequests');
  withoutTheAction = await createAdminWithActions(app, 'every action but review', others);
  endUserJwt = await signedUpUserJwt(app);
  readOnlyApiToken = await createApiToken(app, 'read-only');
  fullAccessApiToken = await createApiToken(app, 'full-access');
  invitationId = (await createInvitation(app, { maxUses: 10 })).id;
  expect(
    (await app.http().post('/api/invitations/requests').send({ email: 'asker@example.com', message: 'Secret plans' })).status
  ).toBe(202);
  requestId = (await app.strapi.db.query(REQUEST_UID).findOne({ where: { normalizedEmail: 'asker@example.com' } })).id;
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});
beforeEach(() => smtp.clear());

const requestsState = async () => JSON.stringify(await app.strapi.db.query(REQUEST_UID).findMany({ orderBy: { id: 'asc' } }));

const ROUTES: Array<[method: 'get' | 'post', path: string, body?: () => object]> = [
  ['get', '/invitations/requests'],
  ['get', '/invitations/requests/links'],
  ['post', '/invitations/requests/:id/approve', () => ({ invitationId })],
  ['post', '/invitations/requests/:id/decline', () => ({ sendEmail: true })],
  ['post', '/invitations/requests/:id/resend'],
  ['post', '/invitations/requests/bulk-approve', () => ({ ids: [requestId], invitationId })],
  ['post', '/invitations/requests/bulk-decline', () => ({ ids: [requestId], sendEmail: true })],
];

describe.each(ROUTES)('%s %s', (method, path, body) => {
  const call = async (authorization?: string) => {
    const before = await requestsState();
    const request = app.http()[method](path.replace(':id', String(requestId)));
    if (authorization) request.set('Authorization', authorization);
    const res = await (body ? request.send(body()) : request);
    return { res, changed: (await requestsState()) !== before };
  };

  test('without a token: 401, nothing changed, nothing sent', async () => {
    const { res, changed } = await call();
    expectStrapiError(res, 401);
    expect(changed).toBe(false);
    expect(smtp.received).toHaveLength(0);
  });

  test.each([
    ['an end user (users-permissions JWT)', () => endUserJwt],
    ['a read-only API token', () => readOnlyApiToken],
    ['a full-access API token', () => fullAccessApiToken],
  ])('as %s: 401, nothing changed, nothing sent', async (_caller, bearer) => {
    const { res, changed } = await call(`Bearer ${bearer()}`);
    expectStrapiError(res, 401);
    expect(changed).toBe(false);
    expect(smtp.received).toHaveLength(0);
  });

  test('as an admin with every other action of the plugin: 403, nothing changed, nothing sent', async () => {
    const { res, changed } = await call(`Bearer ${withoutTheAction}`);
    expectStrapiError(res, 403);
    expect(changed).toBe(false);
    expect(smtp.received).toHaveLength(0);
  });
});

test('the public route answers no more than "received": no id, no status, no address', async () => {
  const res = await app.http().post('/api/invitations/requests').send({ email: 'asker@example.com' });
  expect(res.status).toBe(202);
  expect(res.text).toBe('{"data":{"status":"received"}}');
});

test('the public route ignores any credential: a full-access token or an admin token gets the same answer, and decides nothing', async () => {
  for (const bearer of [fullAccessApiToken, app.adminToken, endUserJwt]) {
    const res = await app
      .http()
      .post('/api/invitations/requests')
      .set('Authorization', `Bearer ${bearer}`)
      .send({ email: 'asker@example.com' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ data: { status: 'received' } });
  }
  expect(await app.strapi.db.query(REQUEST_UID).findOne({ where: { id: requestId } })).toMatchObject({ status: 'pending' });
});

test('the summary tells the pending count only to reviewers', async () => {
  const res = await app.http().get('/invitations/summary').set('Authorization', `Bearer ${withoutTheAction}`);
  expect(res.status).toBe(200);
  expect(res.body.data.pendingAccessRequests).toBeNull();
});

test('approving needs neither read nor send: a reviewer with that one action approves, and the answer carries no token', async () => {
  const reviewer = await createAdminWithActions(app, 'review only', ['reviewAccessRequests']);
  const headers = { Authorization: `Bearer ${reviewer}` };
  const links = await app.http().get('/invitations/requests/links').set(headers);
  expect(links.status).toBe(200);
  expect(Object.keys(links.body.data[0]).sort()).toEqual(['expiresAt', 'id', 'name', 'remaining']);
  const res = await app.http().post(`/invitations/requests/${requestId}/approve`).set(headers).send({ invitationId });
  expect(res.status).toBe(200);
  const [mail] = smtp.receivedBy('asker@example.com');
  const token = /\/invitations\/join\/([A-Za-z0-9_-]{20,})/.exec(String(mail.mail.text))?.[1] as string;
  expect(token).toBeDefined();
  expect(JSON.stringify(res.body)).not.toContain(token);
  expect(JSON.stringify(links.body)).not.toMatch(/token|url/i);
});

test('approving into a link that gives a custom role needs the right to give it, as making that link does: 403, nothing decided, nothing sent', async () => {
  const editorRole = (await createRole(app, 'editor', 'Editor')).id;
  const editorLink = (await createInvitation(app, { name: 'Editors', role: editorRole })).id;
  const reviewer = await createAdminWithActions(app, 'review without roles', ['reviewAccessRequests']);
  const headers = { Authorization: `Bearer ${reviewer}` };
  expect((await app.http().post('/api/invitations/requests').send({ email: 'would-be-editor@example.com' })).status).toBe(202);
  const asker = await app.strapi.db.query(REQUEST_UID).findOne({ where: { normalizedEmail: 'would-be-editor@example.com' } });

  for (const [path, body] of [
    [`/invitations/requests/${asker.id}/approve`, { invitationId: editorLink }],
    ['/invitations/requests/bulk-approve', { ids: [asker.id], invitationId: editorLink }],
  ] as const) {
    const res = await app.http().post(path).set(headers).send(body);
    expectStrapiError(res, 403);
    expect(res.body.error.details).toMatchObject({ reason: 'content-manager-permission', role: { id: editorRole } });
  }
  expect(await app.strapi.db.query(REQUEST_UID).findOne({ where: { id: asker.id } })).toMatchObject({ status: 'pending' });
  expect(await app.strapi.db.query('plugin::invitations.recipient').count({ where: { invitation: { id: editorLink } } })).toBe(0);
  expect(smtp.received).toHaveLength(0);

  const res = await app
    .http()
    .post(`/invitations/requests/${asker.id}/approve`)
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ invitationId: editorLink });
  expect(res.status).toBe(200);
});
