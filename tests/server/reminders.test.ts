// @database: the reminder's claim is a conditional UPDATE with a date comparison; renew clears reminders through the join table
import type { Test } from 'supertest';
import {
  createInvitation,
  expectStrapiError,
  inDays,
  newAccount,
  personalTokenOf,
  recipientRowsOf,
  register,
  sendPersonalLinks,
  setInvitationRow,
  type InvitationFields,
  type PersonalLinkRecipient,
} from '../helpers/fixtures';
import { useAppWithMailServer } from '../helpers/mail-app';
import type { ReceivedMail, TestSmtpServer } from '../helpers/smtp';
import { createAdminWithActions, type TestApp } from '../helpers/strapi';

/**
 * Reminders before a link expires (`remindBeforeDays`) and "Renew": who is reminded, once, in
 * which language, with which link, recorded where; and what a renewal changes.
 */
let app: TestApp;
let smtp: TestSmtpServer;

useAppWithMailServer((started) => {
  ({ app, smtp } = started);
});

const RECIPIENT_UID = 'plugin::invitations.recipient';
const admin = (call: Test, token = app.adminToken) => call.set('Authorization', `Bearer ${token}`);
const runReminders = () => app.strapi.plugin('invitations').service('background').runNow();
const linkIn = (message: ReceivedMail) => /https?:\/\/\S+\/invitations\/join\/[\w-]{43}/.exec(String(message.mail.text))?.[0];
const renew = (id: number, body: unknown, token?: string) =>
  admin(app.http().post(`/invitations/invitations/${id}/renew`), token).send(body as object);

/** A link whose reminder is due now (it expires in 3 days, reminders 5 days before), sent to `emails`. */
const dueLink = async (emails: PersonalLinkRecipient[], fields: InvitationFields = {}) => {
  const invitation = await createInvitation(app, { expiresAt: inDays(3), remindBeforeDays: 5, maxUses: 10, ...fields });
  await sendPersonalLinks(app, invitation.id, emails);
  await smtp.clear();
  return invitation;
};

const remindersTo = (address: string) => smtp.receivedBy(address);
const recipientRow = async (invitationId: number, email: string) =>
  (await recipientRowsOf(app, invitationId)).find((row: { email: string }) => row.email === email);
const setRecipientRow = (id: number, data: Record<string, unknown>) =>
  app.strapi.db.query(RECIPIENT_UID).update({ where: { id }, data });
const setClaimTimeout = (seconds: number) => app.strapi.config.set('plugin::invitations.background.claimTimeoutSeconds', seconds);

describe('the remindBeforeDays setting', () => {
  test('is kept on create and edit, cleared with null, shown in the link', async () => {
    const created = await createInvitation(app, { remindBeforeDays: 3 });
    expect(created.remindBeforeDays).toBe(3);
    const edited = await admin(app.http().put(`/invitations/invitations/${created.id}`)).send({ remindBeforeDays: 365 });
    expect(edited.body.data.remindBeforeDays).toBe(365);
    const cleared = await admin(app.http().put(`/invitations/invitations/${created.id}`)).send({ remindBeforeDays: null });
    expect(cleared.body.data.remindBeforeDays).toBeNull();
    expect((await createInvitation(app)).remindBeforeDays).toBeNull();
  });

  test.each([0, 366, 2.5, '3', true, -1])('%p is refused with a 400 naming the field, nothing saved', async (value) => {
    const before = await app.strapi.db.query('plugin::invitations.invitation').count();
    const res = await admin(app.http().post('/invitations/invitations')).send({
      name: 'Bad reminder',
      maxUses: 1,
      expiresAt: inDays(7),
      remindBeforeDays: value,
    });
    expectStrapiError(res, 400, /remindBeforeDays must be a whole number of days from 1 to 365/);
    expect(await app.strapi.db.query('plugin::invitations.invitation').count()).toBe(before);
    const link = await createInvitation(app, { remindBeforeDays: 2 });
    const edit = await admin(app.http().put(`/invitations/invitations/${link.id}`)).send({ remindBeforeDays: value });
    expectStrapiError(edit, 400, /remindBeforeDays/);
    expect((await admin(app.http().get(`/invitations/invitations/${link.id}`))).body.data.remindBeforeDays).toBe(2);
  });
});

describe('the reminder', () => {
  test('goes once to a due pending recipient: two runs, one email, with their own personal link', async () => {
    const invitation = await dueLink(['due@example.com']);
    const token = await personalTokenOf(app, invitation.id, 'due@example.com');
    await runReminders();
    await runReminders();
    const received = remindersTo('due@example.com');
    expect(received).toHaveLength(1);
    expect(received[0].mail.subject).toBe('Reminder: your invitation to Invitations playground expires soon');
    expect(linkIn(received[0])).toMatch(new RegExp(`/invitations/join/${token}$`));
    expect(String(received[0].mail.html)).toContain(`href="${linkIn(received[0])}"`);
    // Never a new token: the row is the one the send made.
    expect(await recipientRowsOf(app, invitation.id)).toHaveLength(1);
  });

  test('is recorded: remindedAt in the recipients list and its CSV, a reminder sent by nobody in the delivery log and its CSV', async () => {
    const invitation = await dueLink(['recorded@example.com']);
    const before = Date.now();
    await runReminders();
    const list = await admin(app.http().get(`/invitations/invitations/${invitation.id}/recipients`));
    const remindedAt = list.body.results[0].remindedAt;
    expect(new Date(remindedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    // A reminder is not a send: the admin's count stays.
    expect(list.body.results[0].sendCount).toBe(1);
    const csv = await admin(app.http().get(`/invitations/invitations/${invitation.id}/recipients/export`));
    expect(csv.text.split('\r\n')[0]).toContain('remindedAt');
    expect(csv.text).toContain(remindedAt);

    const detail = await admin(app.http().get(`/invitations/invitations/${invitation.id}`));
    const [reminder, sent] = detail.body.data.deliveries.latest;
    expect(reminder).toEqual(
      expect.objectContaining({ recipient: 'recorded@example.com', kind: 'reminder', status: 'sent', sentBy: null })
    );
    expect(sent).toEqual(
      expect.objectContaining({ kind: 'invitation', sentBy: expect.objectContaining({ email: 'admin@example.com' }) })
    );
    const log = await admin(app.http().get(`/invitations/invitations/${invitation.id}/deliveries/export`));
    const [header, ...rows] = log.text.trim().split('\r\n');
    expect(header.split(',')).toContain('kind');
    expect(rows.filter((row) => row.includes(',reminder,'))).toHaveLength(1);
  });

  test('not before the window: a link expiring after its remindBeforeDays gets none, until the window opens', async () => {
    const invitation = await dueLink(['early@example.com'], { expiresAt: inDays(6) });
    await runReminders();
    expect(remindersTo('early@example.com')).toHaveLength(0);
    await setInvitationRow(app, invitation.id, { expiresAt: new Date(Date.now() + 5 * 24 * 3600 * 1000 - 60_000) });
    await runReminders();
    expect(remindersTo('early@example.com')).toHaveLength(1);
  });

  test('none without remindBeforeDays', async () => {
    await dueLink(['never@example.com'], { remindBeforeDays: null });
    await runReminders();
    expect(remindersTo('never@example.com')).toHaveLength(0);
  });

  test('none for accepted or revoked recipients', async () => {
    const invitation = await dueLink(['took-it@example.com', 'revoked@example.com', 'waiting@example.com']);
    const token = await personalTokenOf(app, invitation.id, 'took-it@example.com');
    expect((await register(app, { ...newAccount(), email: 'took-it@example.com', invitationToken: token })).status).toBe(200);
    const revoked = await recipientRow(invitation.id, 'revoked@example.com');
    expect((await admin(app.http().delete(`/invitations/invitations/${invitation.id}/recipients/${revoked.id}`))).status).toBe(
      200
    );
    await smtp.clear();
    await runReminders();
    expect(smtp.received.map((message) => message.to)).toEqual([['waiting@example.com']]);
  });

  test('none once the link expired, none for a link used up, none for a deleted link', async () => {
    const expired = await dueLink(['expired@example.com']);
    await setInvitationRow(app, expired.id, { expiresAt: new Date(Date.now() - 1000) });
    const usedUp = await dueLink(['used-up@example.com'], { maxUses: 3 });
    await setInvitationRow(app, usedUp.id, { usedCount: 3 });
    const deleted = await dueLink(['deleted@example.com']);
    expect((await admin(app.http().delete(`/invitations/invitations/${deleted.id}`))).status).toBe(200);
    await runReminders();
    expect(smtp.received).toHaveLength(0);
    // Seats added later: the reminder goes at the next run, still before the link expires.
    await setInvitationRow(app, usedUp.id, { maxUses: 4 });
    await runReminders();
    expect(smtp.received.map((message) => message.to)).toEqual([['used-up@example.com']]);
  });

  test("is written in the recipient's language, else in the site's default (English)", async () => {
    await dueLink([
      { email: 'claire@example.com', language: 'fr' },
      { email: 'jan@example.com', language: 'nl' },
      'plain@example.com',
    ]);
    await runReminders();
    expect(remindersTo('claire@example.com')[0].mail.subject).toBe(
      'Rappel : votre invitation à rejoindre Invitations playground expire bientôt'
    );
    expect(String(remindersTo('claire@example.com')[0].mail.text)).toContain(
      "Votre lien d'invitation personnel est valable jusqu'au"
    );
    expect(remindersTo('jan@example.com')[0].mail.subject).toBe(
      'Herinnering: uw uitnodiging voor Invitations playground verloopt binnenkort'
    );
    expect(remindersTo('plain@example.com')[0].mail.subject).toMatch(/^Reminder: /);
  });

  test('the edited reminder template applies, and a reminder may not use variables it has no value for', async () => {
    const edit = { subject: 'Still time to join {{siteName}}', body: 'Your link, until {{expiresAt}}: {{link}}' };
    const saved = await admin(app.http().put('/invitations/email-templates/reminder/en')).send(edit);
    expect(saved.status).toBe(200);
    expect(saved.body.data.variables).toEqual({ subject: ['siteName'], body: ['siteName', 'link', 'expiresAt'] });
    const refused = await admin(app.http().put('/invitations/email-templates/reminder/en')).send({
      subject: 'From {{senderName}}',
      body: '{{link}}',
    });
    expectStrapiError(refused, 400, /senderName/);
    try {
      const invitation = await dueLink(['edited@example.com']);
      const token = await personalTokenOf(app, invitation.id, 'edited@example.com');
      await runReminders();
      const [reminder] = remindersTo('edited@example.com');
      expect(reminder.mail.subject).toBe('Still time to join Invitations playground');
      expect(String(reminder.mail.text)).toMatch(new RegExp(`^Your link, until .+: \\S+/invitations/join/${token}`));
    } finally {
      await admin(app.http().delete('/invitations/email-templates/reminder/en'));
    }
  });

  test("the reminder's link signs up, once", async () => {
    await dueLink(['signs-up@example.com']);
    await runReminders();
    const token = linkIn(remindersTo('signs-up@example.com')[0])?.split('/').pop();
    const account = { ...newAccount(), email: 'signs-up@example.com' };
    expect((await register(app, { ...account, invitationToken: token })).status).toBe(200);
    expect((await register(app, { ...newAccount(), email: 'signs-up@example.com', invitationToken: token })).status).toBe(410);
  });

  test('a recipient claimed by another instance is left to it, until its claim is older than the claim timeout', async () => {
    const invitation = await dueLink(['claimed@example.com']);
    const row = await recipientRow(invitation.id, 'claimed@example.com');
    await setRecipientRow(row.id, { reminderClaimedAt: new Date(Date.now() - 5_000) });
    await runReminders();
    expect(remindersTo('claimed@example.com')).toHaveLength(0);
    setClaimTimeout(2);
    try {
      await runReminders();
      expect(remindersTo('claimed@example.com')).toHaveLength(1);
    } finally {
      setClaimTimeout(600);
    }
  });

  test('a failed send is recorded and keeps its claim: tried again only once the claim timed out', async () => {
    const invitation = await dueLink(['nobody-here@example.com']);
    await runReminders();
    await runReminders();
    const failures = async () =>
      (await admin(app.http().get(`/invitations/invitations/${invitation.id}`))).body.data.deliveries.latest.filter(
        (delivery: { kind: string; status: string }) => delivery.kind === 'reminder' && delivery.status === 'failed'
      );
    expect(await failures()).toHaveLength(1);
    expect((await recipientRow(invitation.id, 'nobody-here@example.com')).remindedAt).toBeNull();
    setClaimTimeout(1);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await runReminders();
      expect(await failures()).toHaveLength(2);
    } finally {
      setClaimTimeout(600);
    }
  });
});

describe('renew', () => {
  let links = 0;
  /** An expired link with two pending recipients reminded before, an accepted one and a revoked one. */
  const expiredLink = async () => {
    links += 1;
    const [lena, sam, joined, gone] = ['lena', 'sam', 'joined', 'gone'].map((name) => `${name}-${links}@example.com`);
    const invitation = await dueLink([{ email: lena, language: 'de' }, sam, joined, gone]);
    const token = await personalTokenOf(app, invitation.id, joined);
    expect((await register(app, { ...newAccount(), email: joined, invitationToken: token })).status).toBe(200);
    const revoked = await recipientRow(invitation.id, gone);
    await admin(app.http().delete(`/invitations/invitations/${invitation.id}/recipients/${revoked.id}`));
    await runReminders();
    await setInvitationRow(app, invitation.id, { expiresAt: new Date(Date.now() - 60_000) });
    await smtp.clear();
    return { invitation, lena, sam };
  };

  test('sets the new date and mails each pending recipient their own link again, in their language', async () => {
    const { invitation, lena, sam } = await expiredLink();
    const tokens = await Promise.all([lena, sam].map((email) => personalTokenOf(app, invitation.id, email)));
    const expiresAt = inDays(30);
    const res = await renew(invitation.id, { expiresAt, resend: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      invitation: expect.objectContaining({
        id: invitation.id,
        expiresAt: new Date(expiresAt).toISOString(),
        status: 'active',
        usedCount: 1,
      }),
      sent: 2,
      failed: [],
    });
    expect(smtp.received.map((message) => message.to[0]).sort()).toEqual([lena, sam]);
    expect(linkIn(remindersTo(lena)[0])).toMatch(new RegExp(`${tokens[0]}$`));
    expect(linkIn(remindersTo(sam)[0])).toMatch(new RegExp(`${tokens[1]}$`));
    expect(remindersTo(lena)[0].mail.subject).toBe('Ihre Einladung zu Invitations playground');
    // Nothing else changed: tokens, seats and rows stay.
    expect(res.body.data.invitation.token).toBe(invitation.token);
    expect(await recipientRowsOf(app, invitation.id)).toHaveLength(4);
  });

  test('clears the reminders of pending recipients, so that they are reminded again before the new date', async () => {
    const { invitation, lena, sam } = await expiredLink();
    expect((await recipientRow(invitation.id, sam)).remindedAt).not.toBeNull();
    expect((await renew(invitation.id, { expiresAt: inDays(2) })).status).toBe(200);
    expect(smtp.received).toHaveLength(0);
    expect((await recipientRow(invitation.id, sam)).remindedAt).toBeNull();
    await runReminders();
    expect(smtp.received.map((message) => message.to[0]).sort()).toEqual([lena, sam]);
  });

  test('a reminder being sent during the renewal keeps its claim: no other run sends it meanwhile', async () => {
    const { invitation, lena, sam } = await expiredLink();
    const inFlight = await recipientRow(invitation.id, sam);
    await setRecipientRow(inFlight.id, { remindedAt: null, reminderClaimedAt: new Date() });
    expect((await renew(invitation.id, { expiresAt: inDays(2) })).status).toBe(200);
    await runReminders();
    expect(smtp.received.map((message) => message.to[0])).toEqual([lena]);
  });

  test.each([
    ['no date', {}, /expiresAt is required/],
    ['a date that is not ISO 8601', { expiresAt: 'next week' }, /ISO 8601/],
    ['a past date', { expiresAt: inDays(-1) }, /in the future/],
    ['resend as text', { expiresAt: inDays(30), resend: 'yes' }, /resend must be true or false/],
    ['another field', { expiresAt: inDays(30), maxUses: 100 }, /Unknown field: maxUses/],
  ])('%s: 400, nothing changed, nothing sent', async (_label, body, message) => {
    const { invitation } = await expiredLink();
    expectStrapiError(await renew(invitation.id, body), 400, message);
    const after = await admin(app.http().get(`/invitations/invitations/${invitation.id}`));
    expect(after.body.data.status).toBe('expired');
    expect(smtp.received).toHaveLength(0);
  });

  test('an unknown link: 404; a used-up link with resend: 410, nothing changed', async () => {
    expectStrapiError(await renew(2_000_000, { expiresAt: inDays(3), resend: true }), 404);
    const { invitation } = await expiredLink();
    await setInvitationRow(app, invitation.id, { maxUses: 1 });
    const expiresAtOf = async () =>
      (await admin(app.http().get(`/invitations/invitations/${invitation.id}`))).body.data.expiresAt;
    const before = await expiresAtOf();
    expectStrapiError(await renew(invitation.id, { expiresAt: inDays(3), resend: true }), 410, /used up/);
    expect(await expiresAtOf()).toBe(before);
    expect(smtp.received).toHaveLength(0);
  });

  test.each([
    ['update only', ['read', 'update'] as const],
    ['send only', ['read', 'send'] as const],
  ])('an admin with %s is refused (403), nothing changed', async (label, actions) => {
    const token = await createAdminWithActions(app, `renew ${label}`, [...actions]);
    const { invitation } = await expiredLink();
    expectStrapiError(await renew(invitation.id, { expiresAt: inDays(3), resend: true }, token), 403);
    const after = await admin(app.http().get(`/invitations/invitations/${invitation.id}`));
    expect(after.body.data.status).toBe('expired');
    expect(smtp.received).toHaveLength(0);
  });

  test('an admin with both update and send may renew', async () => {
    const token = await createAdminWithActions(app, 'renew both', ['read', 'update', 'send']);
    const { invitation } = await expiredLink();
    expect((await renew(invitation.id, { expiresAt: inDays(3), resend: true }, token)).status).toBe(200);
  });
});
