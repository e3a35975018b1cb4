import { ACTIONS, type ActionName } from '../../shared';
import { createApiToken, signedUpUserJwt } from '../helpers/content-api';
import { createInvitation, expectStrapiError, inDays, sendPersonalLinks, setInvitationRow } from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { createAdminWithActions, startTestApp, type TestApp } from '../helpers/strapi';

/**
 * Renew (`POST /invitations/invitations/:id/renew`): a new date and the personal links mailed again,
 * so it needs both "Edit invitations" and "Send invitations by email". Every other caller is
 * refused, and the link keeps its date and nobody gets an email.
 */
let app: TestApp;
let smtp: TestSmtpServer;
const bearers: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp(smtp.env);
  const allBut = (missing: ActionName) => (Object.keys(ACTIONS) as ActionName[]).filter((action) => action !== missing);
  bearers.endUser = await signedUpUserJwt(app);
  bearers.readOnlyApiToken = await createApiToken(app, 'read-only');
  bearers.fullAccessApiToken = await createApiToken(app, 'full-access');
  bearers.withoutUpdate = await createAdminWithActions(app, 'every action but edit', allBut('update'));
  bearers.withoutSend = await createAdminWithActions(app, 'every action but send', allBut('send'));
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});

/** An expired link with one pending personal link: what a renew would revive and mail. */
const expiredLinkWithRecipient = async () => {
  const invitation = await createInvitation(app);
  await sendPersonalLinks(app, invitation.id, [`renew-${invitation.id}@example.com`]);
  const expiredAt = new Date(Date.now() - 60_000);
  await setInvitationRow(app, invitation.id, { expiresAt: expiredAt });
  await smtp.clear();
  return { id: invitation.id, expiredAt };
};

const renew = (id: number, bearer?: string) => {
  const request = app.http().post(`/invitations/invitations/${id}/renew`);
  if (bearer) request.set('Authorization', `Bearer ${bearer}`);
  return request.send({ expiresAt: inDays(30), resend: true });
};

const expectUnchanged = async ({ id, expiredAt }: { id: number; expiredAt: Date }) => {
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id }, select: ['expiresAt'] });
  expect(new Date(row.expiresAt).getTime()).toBe(expiredAt.getTime());
  expect(smtp.received).toHaveLength(0);
};

test.each([
  ['the public (no token)', undefined],
  ['an end user (users-permissions JWT)', 'endUser'],
  ['a read-only API token', 'readOnlyApiToken'],
  ['a full-access API token', 'fullAccessApiToken'],
])('%s: 401, the date kept, nothing sent', async (_caller, bearer) => {
  const link = await expiredLinkWithRecipient();
  expectStrapiError(await renew(link.id, bearer && bearers[bearer]), 401);
  await expectUnchanged(link);
});

test.each([
  ['an admin with every action but Edit invitations', 'withoutUpdate'],
  ['an admin with every action but Send invitations by email', 'withoutSend'],
])('%s: 403, the date kept, nothing sent', async (_caller, bearer) => {
  const link = await expiredLinkWithRecipient();
  expectStrapiError(await renew(link.id, bearers[bearer]), 403);
  await expectUnchanged(link);
});

test('an admin with both renews it and the pending person gets their link again', async () => {
  const link = await expiredLinkWithRecipient();
  const res = await renew(link.id, app.adminToken);
  expect(res.status).toBe(200);
  expect(smtp.receivedBy(`renew-${link.id}@example.com`)).toHaveLength(1);
});
