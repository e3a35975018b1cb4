// @engine-neutral
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAdminWithActions, startTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, createPersonalLink, expectStrapiError, inDays, newAccount, register } from '../helpers/fixtures';
import { ACTION_DEFINITIONS, ACTIONS, actionId, type ActionName } from '../../shared';
import type adminRoutes from '../../server/src/routes/admin';

let app: TestApp;

/** One admin API route: what it needs, a request that succeeds, and the status of that success. */
interface RouteRow {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As declared in server/src/routes/admin.ts. */
  path: string;
  action: ActionName;
  /** Given a fresh link with one personal link (`recipientId`) sent to an address, and a pending access request. */
  request: (invitationId: number, recipientId: number, accessRequestId: number) => { url: string; body?: object };
  success: number;
  /** The access request is approved into the link before the call (what a resend needs). */
  approvedRequest?: boolean;
}

/** Every admin route of the plugin. Adding a route is adding one line here (a test checks). */
const ROUTES: RouteRow[] = [
  { method: 'GET', path: '/roles', action: 'read', request: () => ({ url: '/invitations/roles' }), success: 200 },
  { method: 'GET', path: '/first-access', action: 'read', request: () => ({ url: '/invitations/first-access' }), success: 200 },
  { method: 'GET', path: '/invitations', action: 'read', request: () => ({ url: '/invitations/invitations' }), success: 200 },
  {
    method: 'POST',
    path: '/invitations',
    action: 'create',
    request: () => ({ url: '/invitations/invitations', body: { name: 'Matrix', maxUses: 2, expiresAt: inDays(2) } }),
    success: 201,
  },
  {
    method: 'GET',
    path: '/invitations/:id',
    action: 'read',
    request: (id) => ({ url: `/invitations/invitations/${id}` }),
    success: 200,
  },
  {
    method: 'PUT',
    path: '/invitations/:id',
    action: 'update',
    request: (id) => ({ url: `/invitations/invitations/${id}`, body: { name: 'Renamed' } }),
    success: 200,
  },
  {
    method: 'DELETE',
    path: '/invitations/:id',
    action: 'delete',
    request: (id) => ({ url: `/invitations/invitations/${id}` }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/invitations/bulk-delete',
    action: 'delete',
    request: (id) => ({ url: '/invitations/invitations/bulk-delete', body: { ids: [id] } }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/invitations/:id/redemptions',
    action: 'read',
    request: (id) => ({ url: `/invitations/invitations/${id}/redemptions` }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/invitations/:id/redemptions/export',
    action: 'read',
    request: (id) => ({ url: `/invitations/invitations/${id}/redemptions/export` }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/invitations/:id/deliveries/export',
    action: 'read',
    request: (id) => ({ url: `/invitations/invitations/${id}/deliveries/export` }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/invitations/:id/recipients/export',
    action: 'read',
    request: (id) => ({ url: `/invitations/invitations/${id}/recipients/export` }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/invitations/:id/timeline',
    action: 'read',
    request: (id) => ({ url: `/invitations/invitations/${id}/timeline` }),
    success: 200,
  },
  { method: 'GET', path: '/summary', action: 'read', request: () => ({ url: '/invitations/summary' }), success: 200 },
  {
    method: 'POST',
    path: '/invitations/:id/send',
    action: 'send',
    request: (id) => ({ url: `/invitations/invitations/${id}/send`, body: { emails: ['matrix@example.com'] } }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/invitations/:id/email-preview',
    action: 'send',
    request: (id) => ({ url: `/invitations/invitations/${id}/email-preview`, body: {} }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/invitations/:id/recipients',
    action: 'read',
    request: (id) => ({ url: `/invitations/invitations/${id}/recipients` }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/invitations/:id/recipients/:recipientId/resend',
    action: 'send',
    request: (id, recipientId) => ({ url: `/invitations/invitations/${id}/recipients/${recipientId}/resend`, body: {} }),
    success: 200,
  },
  {
    method: 'DELETE',
    path: '/invitations/:id/recipients/:recipientId',
    action: 'delete',
    request: (id, recipientId) => ({ url: `/invitations/invitations/${id}/recipients/${recipientId}` }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/email-templates',
    action: 'editEmailTemplates',
    request: () => ({ url: '/invitations/email-templates' }),
    success: 200,
  },
  {
    method: 'PUT',
    path: '/email-templates/:kind/:language',
    action: 'editEmailTemplates',
    request: () => ({ url: '/invitations/email-templates/invitation/en', body: { subject: 'Matrix', body: 'Join: {{link}}' } }),
    success: 200,
  },
  {
    method: 'DELETE',
    path: '/email-templates/:kind/:language',
    action: 'editEmailTemplates',
    request: () => ({ url: '/invitations/email-templates/invitation/en' }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/email-templates/:kind/:language/test',
    action: 'editEmailTemplates',
    request: () => ({ url: '/invitations/email-templates/personal-invitation/fr/test' }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/requests',
    action: 'reviewAccessRequests',
    request: () => ({ url: '/invitations/requests' }),
    success: 200,
  },
  {
    method: 'GET',
    path: '/requests/links',
    action: 'reviewAccessRequests',
    request: () => ({ url: '/invitations/requests/links' }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/requests/bulk-approve',
    action: 'reviewAccessRequests',
    request: (id, _recipientId, requestId) => ({
      url: '/invitations/requests/bulk-approve',
      body: { ids: [requestId], invitationId: id },
    }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/requests/bulk-decline',
    action: 'reviewAccessRequests',
    request: (_id, _recipientId, requestId) => ({
      url: '/invitations/requests/bulk-decline',
      body: { ids: [requestId], sendEmail: true },
    }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/requests/:id/approve',
    action: 'reviewAccessRequests',
    request: (id, _recipientId, requestId) => ({ url: `/invitations/requests/${requestId}/approve`, body: { invitationId: id } }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/requests/:id/decline',
    action: 'reviewAccessRequests',
    request: (_id, _recipientId, requestId) => ({ url: `/invitations/requests/${requestId}/decline`, body: { sendEmail: true } }),
    success: 200,
  },
  {
    method: 'POST',
    path: '/requests/:id/resend',
    action: 'reviewAccessRequests',
    request: (_id, _recipientId, requestId) => ({ url: `/invitations/requests/${requestId}/resend` }),
    success: 200,
    approvedRequest: true,
  },
];

const ALL_ACTIONS = Object.keys(ACTIONS) as ActionName[];

/** Admin tokens per action: one whose role has only that action, one whose role has all the others. */
const withOnly = new Map<ActionName, string>();
const withAllBut = new Map<ActionName, string>();
let endUserJwt: string;

const adminWithActions = (label: string, actions: ActionName[]) => createAdminWithActions(app, `Matrix ${label}`, actions);

beforeAll(async () => {
  // Sent emails go to files there (the playground's outbox provider).
  app = await startTestApp({ EMAIL_OUTBOX_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-outbox-')) });
  for (const action of ALL_ACTIONS) {
    withOnly.set(action, await adminWithActions(`only ${action}`, [action]));
    withAllBut.set(
      action,
      await adminWithActions(
        `all but ${action}`,
        ALL_ACTIONS.filter((other) => other !== action)
      )
    );
  }
  const invitation = await createInvitation(app);
  endUserJwt = (await register(app, { ...newAccount(), invitationToken: invitation.token })).body.jwt;
});
afterAll(async () => {
  await app?.stop();
});

/** Every invitation, email sent and recipient, and the edited email templates, as stored, to tell whether a request did anything. */
const invitationsState = async () =>
  JSON.stringify([
    ...(await Promise.all(
      [
        'plugin::invitations.invitation',
        'plugin::invitations.delivery',
        'plugin::invitations.recipient',
        'plugin::invitations.access-request',
      ].map((uid) => app.strapi.db.query(uid).findMany({ orderBy: { id: 'asc' } }))
    )),
    await app.strapi.store({ type: 'plugin', name: 'invitations' }).get({ key: 'email-templates' }),
  ]);

let asked = 0;
/** A new pending access request (approved into `approveInto` when given), as the public route and a reviewer make them: its id. */
const pendingAccessRequest = async (approveInto?: number): Promise<number> => {
  asked += 1;
  const email = `matrix-asker-${asked}@example.com`;
  const accessRequests = app.strapi.plugin('invitations').service('access-requests');
  await accessRequests.submit({ email });
  const { id } = await app.strapi.db.query('plugin::invitations.access-request').findOne({ where: { normalizedEmail: email } });
  if (approveInto !== undefined)
    await accessRequests.approve(id, { invitationId: approveInto }, { id: 1, email: 'admin@example.com' });
  return id;
};

const call = async (row: RouteRow, authorization?: string) => {
  // A fresh link for each call, so that a successful delete or edit has something to act on.
  const { invitation, recipientId } = await createPersonalLink(app, 'matrix-recipient@example.com', { name: 'Target' });
  const accessRequestId = await pendingAccessRequest(row.approvedRequest ? invitation.id : undefined);
  const { url, body } = row.request(invitation.id, recipientId, accessRequestId);
  const method = row.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  const request = app.http()[method](url);
  if (authorization) request.set('Authorization', authorization);
  const before = await invitationsState();
  const res = await (body ? request.send(body) : request);
  return { res, changed: (await invitationsState()) !== before };
};

test('registers every action of the shared permissions module with the admin', () => {
  const provider = app.strapi.service('admin::permission').actionProvider;
  for (const { uid } of ACTION_DEFINITIONS) {
    expect(provider.get(`plugin::invitations.${uid}`)).toMatchObject({ pluginName: 'invitations', section: 'plugins' });
  }
});

test('the matrix covers every admin route, each guarded by the action the table says', () => {
  const { routes } = app.strapi.plugin('invitations') as unknown as { routes: { admin: typeof adminRoutes } };
  const declared = routes.admin.routes.map((route) => ({
    route: `${route.method} ${route.path}`,
    actions: route.config.policies.find((policy) => policy.name === 'admin::hasPermissions')?.config.actions,
  }));
  expect(declared).toEqual(
    expect.arrayContaining(ROUTES.map((row) => ({ route: `${row.method} ${row.path}`, actions: [actionId(row.action)] })))
  );
  expect(declared).toHaveLength(ROUTES.length);
});

describe.each(ROUTES)('$method $path (action $action)', (row) => {
  test('without authentication: 401, nothing done', async () => {
    const { res, changed } = await call(row);
    expectStrapiError(res, 401);
    expect(changed).toBe(false);
  });

  test("with an end user's JWT: 401, nothing done", async () => {
    const { res, changed } = await call(row, `Bearer ${endUserJwt}`);
    expectStrapiError(res, 401);
    expect(changed).toBe(false);
  });

  test(`as an admin with every other action but ${row.action}: 403, nothing done`, async () => {
    const { res, changed } = await call(row, `Bearer ${withAllBut.get(row.action)}`);
    expectStrapiError(res, 403);
    expect(changed).toBe(false);
  });

  test(`as an admin with only ${row.action}: ${row.success}`, async () => {
    const { res } = await call(row, `Bearer ${withOnly.get(row.action)}`);
    expect(res.status).toBe(row.success);
  });
});
