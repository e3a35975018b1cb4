import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, newAccount, register } from '../helpers/fixtures';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

test('40 concurrent registrations on a 5-seat link make exactly 5 accounts', async () => {
  const invitation = await createInvitation(app, { maxUses: 5 });
  const usersBefore = await app.strapi.db.query('plugin::users-permissions.user').count();

  const responses = await Promise.all(
    Array.from({ length: 40 }, () => register(app, { ...newAccount(), invitationToken: invitation.token }))
  );
  const statuses = responses.map((res) => res.status);

  expect(statuses.filter((s) => s === 200)).toHaveLength(5);
  expect(statuses.filter((s) => s === 410)).toHaveLength(35);
  expect(statuses.some((s) => s >= 500)).toBe(false);
  // Each refusal tells why as the database has it now, not as the refused transaction first read it.
  const reasons = responses.filter((res) => res.status === 410).map((res) => res.body.error.details.reason);
  expect(new Set(reasons)).toEqual(new Set(['exhausted']));

  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.usedCount).toBe(5);
  const redemptions = await app.strapi.db
    .query('plugin::invitations.redemption')
    .count({ where: { invitation: { id: invitation.id } } });
  expect(redemptions).toBe(5);
  expect(await app.strapi.db.query('plugin::users-permissions.user').count()).toBe(usersBefore + 5);
});

test('an admin lowering the limit during a burst of registrations never leaves more seats taken than the limit', async () => {
  const invitation = await createInvitation(app, { maxUses: 20 });
  const lowerLimit = app
    .http()
    .put(`/invitations/invitations/${invitation.id}`)
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ maxUses: 10 });
  const [edit, ...registrations] = await Promise.all([
    lowerLimit,
    ...Array.from({ length: 20 }, () => register(app, { ...newAccount(), invitationToken: invitation.token })),
  ]);

  // The edit came either before more than 10 seats were taken, or after.
  expect([200, 400]).toContain(edit.status);
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.maxUses).toBe(edit.status === 200 ? 10 : 20);
  expect(row.usedCount).toBeLessThanOrEqual(row.maxUses);
  const statuses = registrations.map((res) => res.status);
  expect(statuses.filter((s) => s !== 200 && s !== 410)).toEqual([]);
  expect(statuses.filter((s) => s === 200)).toHaveLength(row.usedCount);
});

test('the same sign-up sent several times at once (a double click, a retry) makes one account and takes one seat', async () => {
  const invitation = await createInvitation(app, { maxUses: 10 });
  const account = newAccount();
  const responses = await Promise.all(
    Array.from({ length: 4 }, () => register(app, { ...account, invitationToken: invitation.token }))
  );
  const statuses = responses.map((res) => res.status).sort();

  expect(statuses).toEqual([200, 400, 400, 400]);
  for (const refused of responses.filter((res) => res.status === 400)) {
    expect(refused.body.error.message).toBe('Email or Username are already taken');
  }
  const users = await app.strapi.db.query('plugin::users-permissions.user').findMany({ where: { email: account.email } });
  expect(users).toHaveLength(1);
  const row = await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitation.id } });
  expect(row.usedCount).toBe(1);
});
