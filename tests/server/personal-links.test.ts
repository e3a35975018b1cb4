// @database: collations (accents on MariaDB), two sign-ups racing on one link, filters
import type { Test } from 'supertest';
import {
  countUsers,
  createInvitation,
  createRole,
  createPersonalLink,
  expectStrapiError,
  newAccount,
  personalTokenOf,
  recipientRowsOf,
  redemptionsOf,
  register,
  seatsUsedOf,
  sendPersonalLinks,
  setInvitationRow,
} from '../helpers/fixtures';
import { joinPath, openJoinForm, submitJoinForm } from '../helpers/join-page';
import { useAppWithMailServer } from '../helpers/mail-app';
import type { TestSmtpServer } from '../helpers/smtp';
import type { TestApp } from '../helpers/strapi';

/**
 * Personal links: one per recipient, usable once and only with the recipient's address, each
 * taking a seat of its link with the link's own rules.
 */
let app: TestApp;
let smtp: TestSmtpServer;

useAppWithMailServer((started) => {
  ({ app, smtp } = started);
});

const admin = (call: Test) => call.set('Authorization', `Bearer ${app.adminToken}`);
const recipientsOf = (id: number, query = '') => admin(app.http().get(`/invitations/invitations/${id}/recipients${query}`));
const resend = (id: number, recipientId: number) =>
  admin(app.http().post(`/invitations/invitations/${id}/recipients/${recipientId}/resend`)).send({});
const revoke = (id: number, recipientId: number) =>
  admin(app.http().delete(`/invitations/invitations/${id}/recipients/${recipientId}`));
const status = (token: string) => app.http().get(`/api/invitations/${token}`);
const findUser = (email: string) => app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email } });

/** A new account for this address (its username stays unique). */
const accountFor = (email: string) => ({ ...newAccount(), email });
const registerWith = (token: string, email: string) => register(app, { ...accountFor(email), invitationToken: token });
const linkIn = (message: TestSmtpServer['received'][number]) =>
  /https?:\/\/\S+\/invitations\/join\/[\w-]{43}/.exec(String(message.mail.text))?.[0];

describe('sending personal links', () => {
  test('mails each address a link of its own, different from the link and from each other', async () => {
    const invitation = await createInvitation(app, { maxUses: 10 });
    const emails = ['ada@example.com', 'Grace@Example.org'];
    const data = await sendPersonalLinks(app, invitation.id, emails);

    expect(data).toEqual({ sent: emails, failed: [], remaining: 10, warnings: [] });
    const links = emails.map((email) => linkIn(smtp.receivedBy(email)[0]));
    expect(links[0]).toBeDefined();
    expect(new Set([...links, invitation.url]).size).toBe(3);
    expect(String(smtp.receivedBy('ada@example.com')[0].mail.html)).toContain(`href="${links[0]}"`);
    const rows = await recipientRowsOf(app, invitation.id);
    expect(
      rows.map((row: { email: string; status: string; sendCount: number }) => [row.email, row.status, row.sendCount])
    ).toEqual([
      ['ada@example.com', 'pending', 1],
      ['Grace@Example.org', 'pending', 1],
    ]);
  });

  test('sending again to an address with an unused link mails the same link: one row, one token', async () => {
    const invitation = await createInvitation(app);
    await sendPersonalLinks(app, invitation.id, ['again@example.com']);
    await sendPersonalLinks(app, invitation.id, [' AGAIN@example.com ']);
    const [first, second] = smtp.receivedBy('again@example.com');
    expect(linkIn(first)).toBeDefined();
    expect(linkIn(second)).toBe(linkIn(first));
    const rows = await recipientRowsOf(app, invitation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].sendCount).toBe(2);
    expect(new Date(rows[0].lastSentAt).getTime()).toBeGreaterThan(new Date(rows[0].sentAt).getTime());
  });

  test('addresses that differ only by an accent are two people: two links (MySQL/MariaDB collations ignore accents)', async () => {
    const invitation = await createInvitation(app, { maxUses: 10 });
    await sendPersonalLinks(app, invitation.id, ['josé@example.com', 'jose@example.com']);
    await sendPersonalLinks(app, invitation.id, ['jose@example.com']);
    const rows = await recipientRowsOf(app, invitation.id);
    // Two rows, not one: the second send to jose@ found its own pending link, not josé@'s.
    expect(rows.map((row: { email: string }) => row.email)).toEqual(['josé@example.com', 'jose@example.com']);
    expect(new Set(rows.map((row: { tokenHash: string }) => row.tokenHash)).size).toBe(2);
  });

  test('an email that fails leaves the link pending, unsent; the next send mails that same link', async () => {
    const invitation = await createInvitation(app);
    const first = await admin(app.http().post(`/invitations/invitations/${invitation.id}/send`)).send({
      emails: ['nobody@example.com', 'someone@example.com'],
      personal: true,
    });
    expect(first.status).toBe(200);
    expect(first.body.data.sent).toEqual(['someone@example.com']);
    expect(first.body.data.failed).toEqual([{ email: 'nobody@example.com', error: expect.any(String) }]);
    const token = await personalTokenOf(app, invitation.id, 'nobody@example.com');
    const [failedRow] = (await recipientRowsOf(app, invitation.id)).filter(
      (row: { email: string }) => row.email === 'nobody@example.com'
    );
    expect({ status: failedRow.status, sendCount: failedRow.sendCount }).toEqual({ status: 'pending', sendCount: 0 });
    // The link works although its email never arrived: the address is what decides.
    expect((await status(token)).body.data.email).toBe('nobody@example.com');

    await sendPersonalLinks(app, invitation.id, ['someone@example.com']);
    expect(await recipientRowsOf(app, invitation.id)).toHaveLength(2);
    expect(await personalTokenOf(app, invitation.id, 'nobody@example.com')).toBe(token);
  });

  test('records each email as a delivery, as the link itself does', async () => {
    const invitation = await createInvitation(app);
    await sendPersonalLinks(app, invitation.id, ['delivered@example.com']);
    const detail = await admin(app.http().get(`/invitations/invitations/${invitation.id}`));
    expect(detail.body.data.deliveries).toMatchObject({
      total: 1,
      sent: 1,
      failed: 0,
      latest: [{ recipient: 'delivered@example.com' }],
    });
  });
});

describe('signing up through a personal link', () => {
  test('the status answers as for the link, plus the address it is for', async () => {
    const { invitation, token } = await createPersonalLink(app, 'Status.Person@Example.com', {
      welcomeMessage: 'Hello',
      allowedEmailDomains: ['example.com'],
    });
    const res = await status(token);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      expiresAt: invitation.expiresAt,
      remaining: 5,
      welcomeMessage: 'Hello',
      redirectUrl: null,
      allowedEmailDomains: ['example.com'],
      allowExistingAccounts: false,
      email: 'Status.Person@Example.com',
    });
    expect((await status(invitation.token)).body.data).not.toHaveProperty('email');
  });

  test("with the recipient's address (in any case): one account with the link's role, one seat, the recipient accepted", async () => {
    const role = await createRole(app, 'personal-guest');
    const { invitation, token, recipientId } = await createPersonalLink(app, 'right@example.com', { role: role.id });
    const res = await registerWith(token, 'RIGHT@Example.com');
    expect(res.status).toBe(200);
    const account = await app.strapi.db
      .query('plugin::users-permissions.user')
      .findOne({ where: { id: res.body.user.id }, populate: ['role'] });
    expect(account.role.type).toBe('personal-guest');
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expect(await redemptionsOf(app, invitation.id)).toHaveLength(1);
    const [row] = await recipientRowsOf(app, invitation.id);
    expect(row).toMatchObject({ id: recipientId, status: 'accepted', user: { id: res.body.user.id } });
    expect(row.acceptedAt).not.toBeNull();
    expect(row.pendingKey).toBeNull();
  });

  test('with another address: 403 "email-mismatch", no account, no seat, the recipient still pending', async () => {
    const { invitation, token } = await createPersonalLink(app, 'owner@example.com');
    const users = await countUsers(app);
    const res = await registerWith(token, 'forwarded@example.com');
    expectStrapiError(res, 403);
    expect(res.body.error).toMatchObject({ name: 'ForbiddenError', details: { reason: 'email-mismatch' } });
    expect(await countUsers(app)).toBe(users);
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
    const [row] = await recipientRowsOf(app, invitation.id);
    expect({ status: row.status, acceptedAt: row.acceptedAt, user: row.user }).toEqual({
      status: 'pending',
      acceptedAt: null,
      user: null,
    });
    // The refusal used nothing up: the right person can still sign up.
    expect((await registerWith(token, 'owner@example.com')).status).toBe(200);
  });

  test('without an address: the 400 about the email field', async () => {
    const { token } = await createPersonalLink(app, 'noaddress@example.com');
    const { username, password } = newAccount();
    const res = await register(app, { username, password, invitationToken: token });
    expectStrapiError(res, 400, /email is a required field/);
  });

  test('a second use: 410 "used", no second account or seat', async () => {
    const { invitation, token } = await createPersonalLink(app, 'twice@example.com');
    expect((await registerWith(token, 'twice@example.com')).status).toBe(200);
    const res = await registerWith(token, 'twice@example.com');
    expectStrapiError(res, 410);
    expect(res.body.error.details).toEqual({ reason: 'used' });
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expectStrapiError(await status(token), 410);
  });

  test('a used link keeps its account when the account is deleted, and stays used', async () => {
    const { invitation, token } = await createPersonalLink(app, 'deleted-user@example.com');
    const { body } = await registerWith(token, 'deleted-user@example.com');
    await app.strapi.db.query('plugin::users-permissions.user').delete({ where: { id: body.user.id } });
    const [row] = await recipientRowsOf(app, invitation.id);
    expect({ status: row.status, user: row.user }).toEqual({ status: 'accepted', user: null });
    expect((await registerWith(token, 'deleted-user@example.com')).status).toBe(410);
  });

  test('a used-up link refuses its personal links: 410 "exhausted"', async () => {
    const { invitation, token } = await createPersonalLink(app, 'late@example.com', { maxUses: 1 });
    expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(200);
    const res = await registerWith(token, 'late@example.com');
    expectStrapiError(res, 410);
    expect(res.body.error.details.reason).toBe('exhausted');
    expect((await recipientRowsOf(app, invitation.id))[0].status).toBe('pending');
    expect((await status(token)).status).toBe(410);
  });

  test('an expired link refuses its personal links: 410 "expired"', async () => {
    const { invitation, token } = await createPersonalLink(app, 'expired@example.com');
    await setInvitationRow(app, invitation.id, { expiresAt: new Date(Date.now() - 1000) });
    const res = await registerWith(token, 'expired@example.com');
    expectStrapiError(res, 410);
    expect(res.body.error.details.reason).toBe('expired');
    expect(await findUser('expired@example.com')).toBeNull();
  });

  test("the link's email domains apply to its personal links too", async () => {
    const { token } = await createPersonalLink(app, 'outside@example.net', { allowedEmailDomains: ['example.com'] });
    const res = await registerWith(token, 'outside@example.net');
    expectStrapiError(res, 403);
    expect(res.body.error.details.reason).toBe('email-domain');
  });

  test('deleting the link makes all its personal links unknown at once (404); accounts stay', async () => {
    const invitation = await createInvitation(app);
    await sendPersonalLinks(app, invitation.id, ['gone-1@example.com', 'gone-2@example.com']);
    const [used, unused] = [
      await personalTokenOf(app, invitation.id, 'gone-1@example.com'),
      await personalTokenOf(app, invitation.id, 'gone-2@example.com'),
    ];
    expect((await registerWith(used, 'gone-1@example.com')).status).toBe(200);
    expect((await admin(app.http().delete(`/invitations/invitations/${invitation.id}`))).status).toBe(200);

    expectStrapiError(await registerWith(unused, 'gone-2@example.com'), 404);
    expectStrapiError(await status(unused), 404);
    expect(await findUser('gone-1@example.com')).not.toBeNull();
    expect(await app.strapi.db.query('plugin::invitations.recipient').count({ where: { email: { $startsWith: 'gone-' } } })).toBe(
      0
    );
  });

  test('two sign-ups racing on one personal link make exactly one account', async () => {
    const { invitation, token } = await createPersonalLink(app, 'race@example.com', { maxUses: 10 });
    const responses = await Promise.all(Array.from({ length: 6 }, () => registerWith(token, 'race@example.com')));
    const statuses = responses.map((res) => res.status).sort();
    expect(statuses.filter((code) => code === 200)).toHaveLength(1);
    expect(statuses.filter((code) => code !== 200 && code !== 410)).toEqual([]);
    expect(await seatsUsedOf(app, invitation.id)).toBe(1);
    expect(await app.strapi.db.query('plugin::users-permissions.user').count({ where: { email: 'race@example.com' } })).toBe(1);
  });
});

describe('the hosted sign-up page of a personal link', () => {
  test('shows the address read-only and creates the account for it', async () => {
    const { invitation, token } = await createPersonalLink(app, 'hosted@example.com');
    const { res } = await openJoinForm(app, token);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<input id="email" name="email" type="email"[^>]* readonly required value="hosted@example.com"/);
    expect(res.text).toContain('This invitation is personal');

    const created = await submitJoinForm(app, token, { ...newAccount(), email: 'hosted@example.com' });
    expect(created.status).toBe(201);
    expect((await recipientRowsOf(app, invitation.id))[0].status).toBe('accepted');
    const again = await app.http().get(joinPath(token));
    expect(again.status).toBe(410);
    expect(again.text).toContain('This invitation link has already been used');
  });

  test('a form posted with another address is refused (403) and shows the personal address again, in French too', async () => {
    const { invitation, token } = await createPersonalLink(app, 'hosted-fr@example.com');
    const res = await submitJoinForm(app, token, { ...newAccount(), email: 'intruder@example.com' }, 'fr');
    expect(res.status).toBe(403);
    expect(res.text).toContain('Cette invitation est personnelle : elle ne peut servir');
    expect(res.text).toContain('value="hosted-fr@example.com"');
    expect(res.text).not.toContain('intruder@example.com');
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);
  });
});

describe('recipients in the admin', () => {
  test('lists them newest first, with their account once accepted; filters by status and address; pages', async () => {
    const invitation = await createInvitation(app, { maxUses: 10 });
    await sendPersonalLinks(app, invitation.id, ['list-a@example.com', 'list-b@example.com']);
    await sendPersonalLinks(app, invitation.id, ['list-c@example.org']);
    const accepted = await registerWith(await personalTokenOf(app, invitation.id, 'list-a@example.com'), 'list-a@example.com');
    const [, b] = await recipientRowsOf(app, invitation.id);
    expect((await revoke(invitation.id, b.id)).status).toBe(200);

    const all = await recipientsOf(invitation.id);
    expect(all.status).toBe(200);
    expect(all.body.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 3 });
    expect(all.body.results.map((recipient: { email: string }) => recipient.email)).toEqual([
      'list-c@example.org',
      'list-b@example.com',
      'list-a@example.com',
    ]);
    expect(all.body.results[2]).toEqual({
      id: expect.any(Number),
      email: 'list-a@example.com',
      status: 'accepted',
      sentAt: expect.any(String),
      lastSentAt: expect.any(String),
      sendCount: 1,
      acceptedAt: expect.any(String),
      language: 'en',
      remindedAt: null,
      user: { id: accepted.body.user.id, username: accepted.body.user.username, email: 'list-a@example.com' },
    });
    expect(all.body.results[0]).not.toHaveProperty('tokenHash');
    expect(all.body.results[0]).not.toHaveProperty('reminderClaimedAt');

    const pending = await recipientsOf(invitation.id, '?status=pending');
    expect(pending.body.results.map((recipient: { email: string }) => recipient.email)).toEqual(['list-c@example.org']);
    const revoked = await recipientsOf(invitation.id, '?status=revoked');
    expect(revoked.body.results.map((recipient: { email: string }) => recipient.email)).toEqual(['list-b@example.com']);
    const search = await recipientsOf(invitation.id, '?q=EXAMPLE.COM');
    expect(search.body.results.map((recipient: { email: string }) => recipient.email)).toEqual([
      'list-b@example.com',
      'list-a@example.com',
    ]);
    const secondPage = await recipientsOf(invitation.id, '?page=2&pageSize=2');
    expect(secondPage.body.pagination).toEqual({ page: 2, pageSize: 2, pageCount: 2, total: 3 });
    expect(secondPage.body.results.map((recipient: { email: string }) => recipient.email)).toEqual(['list-a@example.com']);
  });

  test('lists only the recipients of the link asked for; an unknown link is a 404', async () => {
    const mine = await createInvitation(app);
    const other = await createInvitation(app);
    await sendPersonalLinks(app, other.id, ['not-mine@example.com']);
    expect((await recipientsOf(mine.id)).body.results).toEqual([]);
    expectStrapiError(await recipientsOf(2_000_000_000), 404);
  });

  test('resend mails the same link again and answers the recipient with one more send', async () => {
    const { invitation, recipientId } = await createPersonalLink(app, 'resend@example.com');
    const res = await resend(invitation.id, recipientId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: recipientId, email: 'resend@example.com', status: 'pending', sendCount: 2 });
    const [first, second] = smtp.receivedBy('resend@example.com');
    expect(linkIn(second)).toBe(linkIn(first));
    expect(await recipientRowsOf(app, invitation.id)).toHaveLength(1);
  });

  test("a personal link keeps its email's language: the list shows it, a resend writes in it unless the admin asks for another", async () => {
    const invitation = await createInvitation(app);
    const sent = await admin(app.http().post(`/invitations/invitations/${invitation.id}/send`)).send({
      emails: [{ email: 'lang@example.com', language: 'de-AT' }, 'plain-lang@example.com'],
      personal: true,
      locale: 'fr',
    });
    expect(sent.status).toBe(200);
    const listed = (await recipientsOf(invitation.id)).body.results;
    expect(Object.fromEntries(listed.map((row: { email: string; language: string }) => [row.email, row.language]))).toEqual({
      'lang@example.com': 'de',
      'plain-lang@example.com': 'fr',
    });
    const german = listed.find((row: { email: string }) => row.email === 'lang@example.com');

    expect((await resend(invitation.id, german.id)).body.data).toMatchObject({ language: 'de', sendCount: 2 });
    const again = await admin(app.http().post(`/invitations/invitations/${invitation.id}/recipients/${german.id}/resend`)).send({
      locale: 'nl',
    });
    expect(again.body.data).toMatchObject({ language: 'nl', sendCount: 3 });
    const subjects = smtp.receivedBy('lang@example.com').map((message) => message.mail.subject);
    expect(subjects).toEqual([
      'Ihre Einladung zu Invitations playground',
      'Ihre Einladung zu Invitations playground',
      'Uw uitnodiging voor Invitations playground',
    ]);
    expect(smtp.receivedBy('plain-lang@example.com')[0].mail.subject).toBe('Votre invitation à rejoindre Invitations playground');
  });

  test("resend of a link that is used or revoked: 409; of another link's recipient: 404", async () => {
    const { invitation, token, recipientId } = await createPersonalLink(app, 'resend-used@example.com');
    await registerWith(token, 'resend-used@example.com');
    smtp.received.length = 0;
    const used = await resend(invitation.id, recipientId);
    expectStrapiError(used, 409);
    expect(used.body.error.details).toEqual({ reason: 'not-pending', status: 'accepted' });
    expect(smtp.received).toEqual([]);

    const other = await createPersonalLink(app, 'resend-revoked@example.com');
    await revoke(other.invitation.id, other.recipientId);
    expectStrapiError(await resend(other.invitation.id, other.recipientId), 409);
    expectStrapiError(await resend(invitation.id, other.recipientId), 404);
  });

  test('revoke makes the link unknown at once (404), keeps the row as revoked; a send after makes a new link', async () => {
    const { invitation, token, recipientId } = await createPersonalLink(app, 'revoked@example.com');
    const res = await revoke(invitation.id, recipientId);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: recipientId, status: 'revoked' });
    expectStrapiError(await registerWith(token, 'revoked@example.com'), 404);
    expectStrapiError(await status(token), 404);
    expect(await seatsUsedOf(app, invitation.id)).toBe(0);

    await sendPersonalLinks(app, invitation.id, ['revoked@example.com']);
    const rows = await recipientRowsOf(app, invitation.id);
    expect(rows.map((row: { status: string }) => row.status)).toEqual(['revoked', 'pending']);
    const fresh = await personalTokenOf(app, invitation.id, 'revoked@example.com');
    expect(fresh).not.toBe(token);
    expect((await registerWith(fresh, 'revoked@example.com')).status).toBe(200);
  });

  test('revoking an accepted link is refused (409): the account stays', async () => {
    const { invitation, token, recipientId } = await createPersonalLink(app, 'keep-account@example.com');
    await registerWith(token, 'keep-account@example.com');
    const res = await revoke(invitation.id, recipientId);
    expectStrapiError(res, 409);
    expect(res.body.error.details).toEqual({ reason: 'not-pending', status: 'accepted' });
    expect((await recipientRowsOf(app, invitation.id))[0].status).toBe('accepted');
    expect(await findUser('keep-account@example.com')).not.toBeNull();
  });
});
