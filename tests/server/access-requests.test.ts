// @engine-neutral
/**
 * Request access: the public route's one answer, what it stores, and the review API (list,
 * approve with a personal link mailed through "Send invitation", decline with an editable answer,
 * bulk decisions, resend), auto-approval by a link's domains, and the events.
 */
import { ACCESS_REQUEST_DECIDED } from '../../shared';
import {
  createInvitation,
  createMember,
  expectStrapiError,
  inDays,
  newAccount,
  register,
  setInvitationRow,
  type JsonBody,
} from '../helpers/fixtures';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { createAdminWithActions, startTestApp, type TestApp } from '../helpers/strapi';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver';

const REQUEST_UID = 'plugin::invitations.access-request';
const DELIVERY_UID = 'plugin::invitations.delivery';
const RECIPIENT_UID = 'plugin::invitations.recipient';

let app: TestApp;
let smtp: TestSmtpServer;
/** Addresses the test mail server refuses at RCPT TO, as a real one refuses unknown mailboxes. */
const refused = new Set<string>();

beforeAll(async () => {
  smtp = await startSmtpServer({ rejects: (address) => refused.has(address.toLowerCase()) });
  app = await startTestApp(smtp.env);
});
afterAll(async () => {
  await app?.stop();
  await smtp?.stop();
});
beforeEach(async () => {
  refused.clear();
  await smtp.clear();
});

const admin = () => ({ Authorization: `Bearer ${app.adminToken}` });
const submit = (body: unknown) =>
  app
    .http()
    .post('/api/invitations/requests')
    .send(body as object);
const requestsOf = (normalizedEmail: string) =>
  app.strapi.db
    .query(REQUEST_UID)
    .findMany({ where: { normalizedEmail }, orderBy: { id: 'asc' }, populate: ['invitation', 'decidedBy', 'recipient'] });
const requestRow = (id: number) =>
  app.strapi.db.query(REQUEST_UID).findOne({ where: { id }, populate: ['invitation', 'decidedBy', 'recipient'] });
const review = (path: string, body: unknown = {}, headers: Record<string, string> = admin()) =>
  app
    .http()
    .post(`/invitations/requests${path}`)
    .set(headers)
    .send(body as object);
const list = (query = '') => app.http().get(`/invitations/requests${query}`).set(admin());

let counter = 0;
const uniqueEmail = (domain = 'example.com') => {
  counter += 1;
  return `asker${Date.now().toString(36)}${counter}@${domain}`;
};

/** A new pending request from `email` (trimmed and lower-cased: its normalized form); its row. */
const pendingRequest = async (email = uniqueEmail(), fields: Record<string, unknown> = {}) => {
  const res = await submit({ email, ...fields });
  expect(res.status).toBe(202);
  const rows = await requestsOf(email.trim().toLowerCase());
  return rows[rows.length - 1];
};

/** Polls until `check` returns something truthy (5 s at the most): for the work done after the answer. */
const eventually = async <T>(check: () => Promise<T>): Promise<T> => {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const value = await check();
    if (value || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** The headers that could tell two answers apart, without those that change with every answer. */
const comparable = (res: { status: number; body: JsonBody; headers: Record<string, string> }) => {
  const { date: _date, 'x-response-time': _time, ...headers } = res.headers;
  return { status: res.status, body: res.body, headers };
};

describe('POST /api/invitations/requests', () => {
  test('answers the very same 202 whatever becomes of the request, and stores what it should', async () => {
    await createInvitation(app, { autoApproveDomains: ['auto.example'] });
    const member = await createMember(app);
    const declined = await pendingRequest();
    expect((await review(`/${declined.id}/decline`, { sendEmail: false })).status).toBe(200);
    const repeated = uniqueEmail();
    await submit({ email: repeated });

    const answers = {
      new: await submit({ email: uniqueEmail(), name: 'Ada' }),
      repeatWhilePending: await submit({ email: repeated.toUpperCase(), message: 'Again' }),
      member: await submit({ email: member.email.toUpperCase() }),
      declinedBefore: await submit({ email: declined.email }),
      honeypot: await submit({ email: uniqueEmail(), website: 'http://spam.example' }),
      autoApproved: await submit({ email: uniqueEmail('auto.example') }),
    };
    const expected = comparable(answers.new);
    expect(expected.status).toBe(202);
    expect(expected.body).toEqual({ data: { status: 'received' } });
    expect(expected.headers['cache-control']).toBe('no-store');
    for (const [, res] of Object.entries(answers)) expect(comparable(res)).toEqual(expected);

    expect(await eventually(async () => (await requestsOf(member.email.toLowerCase())).length === 0)).toBe(true);
    expect(await app.strapi.db.query(REQUEST_UID).count({ where: { email: { $contains: 'spam' } } })).toBe(0);
    const again = await requestsOf(declined.email);
    expect(again.map((row: JsonBody) => row.status)).toEqual(['declined', 'pending']);
  });

  test('stores the request before answering: the address as typed (trimmed), its normalized form, name and message', async () => {
    const email = `  Grace.Hopper${Date.now()}@Example.COM `;
    const res = await submit({ email, name: '  Grace  ', message: 'Please let me in.\nThanks' });
    expect(res.status).toBe(202);
    const [row] = await requestsOf(email.trim().toLowerCase());
    expect(row).toMatchObject({
      email: email.trim(),
      status: 'pending',
      name: 'Grace',
      message: 'Please let me in.\nThanks',
      requestCount: 1,
      autoApproved: false,
      decidedAt: null,
      invitation: null,
    });
  });

  test('a repeat while pending (another case) updates the request: time, count, name and message given', async () => {
    const first = await pendingRequest(uniqueEmail(), { name: 'First', message: 'First message' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await submit({ email: first.email.toUpperCase(), name: 'Second' })).status).toBe(202);
    const rows = await requestsOf(first.email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'Second', message: 'First message', requestCount: 2 });
    expect(new Date(rows[0].lastRequestedAt).getTime()).toBeGreaterThan(new Date(first.lastRequestedAt).getTime());
  });

  test("a member's request is answered before the member check, then deleted unseen: no event, no row", async () => {
    const member = await createMember(app);
    const users = app.strapi.db.query('plugin::users-permissions.user');
    const originalCount = users.count;
    let releaseCheck: () => void = () => {};
    const checkHeld = new Promise<void>((resolve) => {
      releaseCheck = resolve;
    });
    const count = jest.spyOn(users, 'count').mockImplementation(async (...args: unknown[]) => {
      await checkHeld;
      return originalCount.apply(users, args);
    });
    const created: JsonBody[] = [];
    const listener = async (payload: JsonBody) => {
      created.push(payload);
    };
    app.strapi.eventHub.on('invitation-request.created', listener);
    try {
      // Answered while the member check is held: its time cannot differ from a new address's.
      const answer = await Promise.race([
        submit({ email: member.email }),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000)),
      ]);
      expect(answer?.status).toBe(202);
      releaseCheck();
      expect(await eventually(async () => (await requestsOf(member.email.toLowerCase())).length === 0)).toBe(true);
      expect(created.filter((event) => event.accessRequest.email === member.email)).toEqual([]);
    } finally {
      releaseCheck();
      count.mockRestore();
      app.strapi.eventHub.off('invitation-request.created', listener);
    }
  });

  test.each([
    ['no body', undefined, 'body'],
    ['no email', { name: 'Ada' }, 'email'],
    ['an email that is no address', { email: 'not-an-address' }, 'email'],
    ['an email that is a number', { email: 42 }, 'email'],
    ['a name that is a list', { email: 'list@example.com', name: ['Ada'] }, 'name'],
    ['a name too long', { email: 'long@example.com', name: 'x'.repeat(101) }, 'name'],
    ['a message too long', { email: 'long@example.com', message: 'x'.repeat(1001) }, 'message'],
    ['a name with control characters', { email: 'ctl@example.com', name: 'Ada\u0007' }, 'name'],
    ['the honeypot that is not text', { email: 'pot@example.com', website: 1 }, 'website'],
    ['an unknown field', { email: 'unknown@example.com', role: 'admin' }, 'Unknown field'],
  ])('400 for %s, nothing stored', async (_case, body, mentioned) => {
    const before = await app.strapi.db.query(REQUEST_UID).count();
    const res = await app
      .http()
      .post('/api/invitations/requests')
      .send(body as object);
    expectStrapiError(res, 400);
    expect(JSON.stringify(res.body.error)).toContain(mentioned);
    expect(await app.strapi.db.query(REQUEST_UID).count()).toBe(before);
  });

  test('emits invitation-request.created for a new request only, with the request as the admin API shows it', async () => {
    const received: JsonBody[] = [];
    const listener = async (payload: JsonBody) => {
      received.push(payload);
    };
    app.strapi.eventHub.on('invitation-request.created', listener);
    try {
      const email = uniqueEmail();
      await submit({ email, name: 'Evented' });
      await submit({ email });
      expect(await eventually(async () => received.length > 0)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toHaveLength(1);
      const [row] = await requestsOf(email);
      expect(received[0]).toEqual({
        accessRequest: {
          id: row.id,
          email,
          name: 'Evented',
          message: null,
          status: 'pending',
          createdAt: expect.any(String),
          lastRequestedAt: expect.any(String),
          decidedAt: null,
          decidedBy: null,
          autoApproved: false,
          invitation: null,
          sendError: null,
        },
      });
      expect(JSON.stringify(received[0])).not.toMatch(/pendingKey|normalizedEmail/);
    } finally {
      app.strapi.eventHub.off('invitation-request.created', listener);
    }
  });
});

describe('GET /invitations/requests', () => {
  test('newest request first, filtered by status and address, paged, with the counts of each status', async () => {
    const tag = `list${Date.now()}`;
    const a = await pendingRequest(`a-${tag}@example.com`);
    const b = await pendingRequest(`b-${tag}@example.com`);
    const c = await pendingRequest(`c-${tag}@example.com`);
    expect((await review(`/${b.id}/decline`, { sendEmail: false })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await submit({ email: `A-${tag}@EXAMPLE.com` });

    const all = await list(`?q=${tag.toUpperCase()}`);
    expect(all.status).toBe(200);
    expect(all.body.results.map((row: JsonBody) => row.id)).toEqual([a.id, c.id, b.id]);
    expect(all.body.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 3 });
    const counts = await app.strapi.db.query(REQUEST_UID).count({ where: { status: 'pending' } });
    expect(all.body.counts.pending).toBe(counts);
    expect(Object.keys(all.body.counts).sort()).toEqual(['approved', 'declined', 'pending']);

    const pending = await list(`?q=${tag}&status=pending&pageSize=1&page=2`);
    expect(pending.body.results.map((row: JsonBody) => row.id)).toEqual([c.id]);
    expect(pending.body.pagination).toEqual({ page: 2, pageSize: 1, pageCount: 2, total: 2 });
    const declined = await list(`?q=${tag}&status=declined`);
    expect(declined.body.results).toEqual([
      expect.objectContaining({
        id: b.id,
        status: 'declined',
        decidedBy: expect.objectContaining({ email: 'admin@example.com' }),
      }),
    ]);
  });

  test.each([['?status=maybe'], ['?pageSize=101'], ['?page=0'], ['?sort=email:asc'], ['?q=a&q=b']])(
    '400 for %s',
    async (query) => {
      expectStrapiError(await list(query), 400);
    }
  );

  test('the links an approval may use: active ones only, newest first, without token or address', async () => {
    const name = `Approvable ${Date.now()}`;
    const older = await createInvitation(app, { name: `${name} older` });
    const newer = await createInvitation(app, { name: `${name} newer`, maxUses: 3 });
    const expired = await createInvitation(app, { name: `${name} expired` });
    await setInvitationRow(app, expired.id, { expiresAt: new Date(Date.now() - 1000) });
    const res = await app
      .http()
      .get(`/invitations/requests/links?q=${encodeURIComponent(name)}`)
      .set(admin());
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      { id: newer.id, name: `${name} newer`, remaining: 3, expiresAt: newer.expiresAt },
      { id: older.id, name: `${name} older`, remaining: 5, expiresAt: older.expiresAt },
    ]);
  });
});

/** The personal link in an email: the hosted page's address ends with its token. */
const tokenInMail = (text: string) => {
  const match = /\/invitations\/join\/([A-Za-z0-9_-]{20,})/.exec(text);
  if (!match) throw new Error(`no personal link in ${text}`);
  return match[1];
};

describe('POST /invitations/requests/:id/approve', () => {
  test('mails a personal link of the chosen link, recorded as a send is; the person signs up with it', async () => {
    const invitation = await createInvitation(app, { name: 'Approvals', maxUses: 5 });
    const request = await pendingRequest(uniqueEmail(), { name: 'Requester' });
    const approved: JsonBody[] = [];
    const listener = async (payload: JsonBody) => {
      approved.push(payload);
    };
    app.strapi.eventHub.on('invitation-request.approved', listener);
    const res = await review(`/${request.id}/approve`, { invitationId: invitation.id, language: 'fr' });
    app.strapi.eventHub.off('invitation-request.approved', listener);

    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: request.id,
      status: 'approved',
      decidedAt: expect.any(String),
      decidedBy: expect.objectContaining({ email: 'admin@example.com' }),
      autoApproved: false,
      invitation: { id: invitation.id, name: 'Approvals' },
      sendError: null,
    });
    expect(approved).toEqual([{ accessRequest: res.body.data }]);
    const [mail] = smtp.receivedBy(request.email);
    expect(mail.mail.subject).toBe('Votre invitation à rejoindre Invitations playground');
    const token = tokenInMail(String(mail.mail.text));
    expect(String(invitation.url)).not.toContain(token);

    const deliveries = await app.strapi.db.query(DELIVERY_UID).findMany({ where: { invitation: { id: invitation.id } } });
    expect(deliveries).toEqual([expect.objectContaining({ recipient: request.email, status: 'sent' })]);
    const recipients = await app.strapi.db.query(RECIPIENT_UID).findMany({ where: { invitation: { id: invitation.id } } });
    expect(recipients).toEqual([
      expect.objectContaining({ email: request.email, status: 'pending', sendCount: 1, language: 'fr' }),
    ]);
    expect((await requestRow(request.id)).recipient.id).toBe(recipients[0].id);

    const account = { ...newAccount(), email: request.email };
    const signUp = await register(app, { ...account, invitationToken: token });
    expect(signUp.status).toBe(200);
    expect(signUp.body.user.email).toBe(request.email);
  });

  test.each([
    ['expired', { expiresAt: new Date(Date.now() - 1000) }, 410],
    ['used up', { usedCount: 5 }, 410],
  ])('refuses an %s link (%s), the request left pending and nothing mailed', async (_state, row, status) => {
    const invitation = await createInvitation(app, { maxUses: 5 });
    await setInvitationRow(app, invitation.id, row);
    const request = await pendingRequest();
    expectStrapiError(await review(`/${request.id}/approve`, { invitationId: invitation.id }), status);
    expect(await requestRow(request.id)).toMatchObject({ status: 'pending', decidedAt: null, invitation: null });
    expect(smtp.received).toHaveLength(0);
  });

  test('404 for a link or a request that does not exist, nothing changed', async () => {
    const request = await pendingRequest();
    expectStrapiError(await review(`/${request.id}/approve`, { invitationId: 999999 }), 404);
    const invitation = await createInvitation(app);
    expectStrapiError(await review('/999999/approve', { invitationId: invitation.id }), 404);
    expect((await requestRow(request.id)).status).toBe('pending');
  });

  test.each([
    ['no invitationId', {}],
    ['an invitationId as text', { invitationId: '1' }],
    ['a language that is none', { invitationId: 1, language: 'not a language' }],
    ['an unknown field', { invitationId: 1, role: 1 }],
  ])('400 for %s', async (_case, body) => {
    const request = await pendingRequest();
    expectStrapiError(await review(`/${request.id}/approve`, body), 400);
    expect((await requestRow(request.id)).status).toBe('pending');
  });

  test('a request is decided once: 409 already-decided for the second decision, and for two approvals at once', async () => {
    const invitation = await createInvitation(app, { maxUses: 10 });
    const request = await pendingRequest();
    expect((await review(`/${request.id}/approve`, { invitationId: invitation.id })).status).toBe(200);
    for (const [path, body] of [
      ['approve', { invitationId: invitation.id }],
      ['decline', { sendEmail: false }],
    ] as const) {
      const again = await review(`/${request.id}/${path}`, body);
      expectStrapiError(again, 409);
      expect(again.body.error.details).toEqual({ reason: ACCESS_REQUEST_DECIDED, ids: [request.id] });
    }

    const raced = await pendingRequest();
    await smtp.clear();
    const answers = await Promise.all([
      review(`/${raced.id}/approve`, { invitationId: invitation.id }),
      review(`/${raced.id}/approve`, { invitationId: invitation.id }),
      review(`/${raced.id}/decline`, { sendEmail: true }),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409]);
    expect(smtp.receivedBy(raced.email)).toHaveLength(1);
  });

  test('until its email went, an approval says it is not sent: a server stopped in between leaves Retry offered', async () => {
    const invitation = await createInvitation(app);
    const request = await pendingRequest();
    const emailService = app.strapi.plugin('email').service('email');
    const originalSend = emailService.send;
    let releaseMail: () => void = () => {};
    const mailHeld = new Promise<void>((resolve) => {
      releaseMail = resolve;
    });
    let mailing: () => void = () => {};
    const mailStarted = new Promise<void>((resolve) => {
      mailing = resolve;
    });
    const send = jest.spyOn(emailService, 'send').mockImplementation(async (...args: unknown[]) => {
      mailing();
      await mailHeld;
      return originalSend.apply(emailService, args);
    });
    try {
      const answer = review(`/${request.id}/approve`, { invitationId: invitation.id }).then((res) => res);
      await mailStarted;
      expect(await requestRow(request.id)).toMatchObject({ status: 'approved', sendError: 'The email has not been sent yet' });
      releaseMail();
      const res = await answer;
      expect(res.status).toBe(200);
      expect(res.body.data.sendError).toBeNull();
      expect((await requestRow(request.id)).sendError).toBeNull();
    } finally {
      releaseMail();
      send.mockRestore();
    }
  });

  test('an email that fails leaves the request approved with its sendError; resend mails it once the provider takes it', async () => {
    const invitation = await createInvitation(app);
    const email = uniqueEmail();
    refused.add(email);
    const request = await pendingRequest(email);
    const res = await review(`/${request.id}/approve`, { invitationId: invitation.id });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'approved', sendError: expect.stringContaining('Recipient address rejected') });

    const stillRefused = await review(`/${request.id}/resend`);
    expectStrapiError(stillRefused, 502);
    expect((await requestRow(request.id)).sendError).toContain('Recipient address rejected');

    refused.delete(email);
    const resent = await review(`/${request.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.data).toMatchObject({ status: 'approved', sendError: null });
    const [mail] = smtp.receivedBy(email);
    const signUp = await register(app, { ...newAccount(), email, invitationToken: tokenInMail(String(mail.mail.text)) });
    expect(signUp.status).toBe(200);
  });

  test('resend after the personal link made its account: 409, and sendError keeps what the mail server said', async () => {
    const invitation = await createInvitation(app);
    const email = uniqueEmail();
    const request = await pendingRequest(email);
    expect((await review(`/${request.id}/approve`, { invitationId: invitation.id })).status).toBe(200);
    const token = tokenInMail(String(smtp.receivedBy(email)[0].mail.text));
    expect((await register(app, { ...newAccount(), email, invitationToken: token })).status).toBe(200);
    const res = await review(`/${request.id}/resend`);
    expectStrapiError(res, 409);
    expect(res.body.error.details.reason).toBe('not-pending');
    expect((await requestRow(request.id)).sendError).toBeNull();
  });

  test('resend is for approved requests only: 409 for a pending or declined one', async () => {
    const request = await pendingRequest();
    expectStrapiError(await review(`/${request.id}/resend`), 409);
    expect((await review(`/${request.id}/decline`, { sendEmail: false })).status).toBe(200);
    expectStrapiError(await review(`/${request.id}/resend`), 409);
  });

  test('deleting the link keeps the request, approved, its link then null', async () => {
    const invitation = await createInvitation(app);
    const request = await pendingRequest();
    expect((await review(`/${request.id}/approve`, { invitationId: invitation.id })).status).toBe(200);
    expect((await app.http().delete(`/invitations/invitations/${invitation.id}`).set(admin())).status).toBe(200);
    const row = await requestRow(request.id);
    expect(row).toMatchObject({ id: request.id, status: 'approved', invitation: null, recipient: null });
    const shown = await list(`?q=${encodeURIComponent(request.email)}`);
    expect(shown.body.results).toEqual([expect.objectContaining({ id: request.id, invitation: null })]);
    expectStrapiError(await review(`/${request.id}/resend`), 409);
  });
});

describe('POST /invitations/requests/:id/decline', () => {
  test('without an email: declined, nobody mailed, no account touched; the event fires', async () => {
    const request = await pendingRequest();
    const declined: JsonBody[] = [];
    const listener = async (payload: JsonBody) => {
      declined.push(payload);
    };
    app.strapi.eventHub.on('invitation-request.declined', listener);
    const res = await review(`/${request.id}/decline`, { sendEmail: false });
    app.strapi.eventHub.off('invitation-request.declined', listener);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'declined', decidedAt: expect.any(String), sendError: null, invitation: null });
    expect(declined).toEqual([{ accessRequest: res.body.data }]);
    expect(smtp.received).toHaveLength(0);
  });

  test("with an email: the answer in the requester's words, the admin's message escaped in HTML", async () => {
    const request = await pendingRequest();
    const message = 'We are full <b>now</b> & later.\nTry again in spring.';
    const res = await review(`/${request.id}/decline`, { sendEmail: true, message, language: 'de' });
    expect(res.status).toBe(200);
    const [mail] = smtp.receivedBy(request.email);
    expect(mail.mail.subject).toBe('Ihre Zugangsanfrage für Invitations playground');
    expect(mail.mail.text).toContain('Leider können wir Ihre Zugangsanfrage derzeit nicht annehmen.');
    expect(mail.mail.text).toContain(message);
    expect(String(mail.mail.html)).toContain('We are full &lt;b&gt;now&lt;/b&gt; &amp; later.<br>');
    expect(String(mail.mail.html)).not.toContain('<b>now</b>');
  });

  test('the edited template applies; its body needs no link, and may not use one', async () => {
    const put = (body: string) =>
      app
        .http()
        .put('/invitations/email-templates/access-request-declined/en')
        .set(admin())
        .send({ subject: 'About {{siteName}}', body });
    expectStrapiError(await put('Sorry. {{link}}'), 400);
    expect((await put('Edited answer from {{siteName}}.{{#message}} {{message}}{{/message}}')).status).toBe(200);
    try {
      const request = await pendingRequest();
      expect((await review(`/${request.id}/decline`, { sendEmail: true, message: 'Next year.' })).status).toBe(200);
      const [mail] = smtp.receivedBy(request.email);
      expect(mail.mail.subject).toBe('About Invitations playground');
      expect(mail.mail.text).toBe('Edited answer from Invitations playground. Next year.');
    } finally {
      await app.http().delete('/invitations/email-templates/access-request-declined/en').set(admin());
    }
  });

  test('"Send me a test" of the answer goes to the admin, in the language asked, with no link in it', async () => {
    const res = await app.http().post('/invitations/email-templates/access-request-declined/fr/test').set(admin());
    expect(res.status).toBe(200);
    const [mail] = smtp.receivedBy('admin@example.com');
    expect(mail.mail.subject).toBe("[Test] Votre demande d'accès à Invitations playground");
    expect(mail.mail.text).toContain("Merci de l'intérêt que vous portez à Invitations playground.");
    expect(mail.mail.text).not.toMatch(/https?:\/\//);
  });

  test('an answer that fails is said in sendError; the request stays declined', async () => {
    const email = uniqueEmail();
    refused.add(email);
    const request = await pendingRequest(email);
    const res = await review(`/${request.id}/decline`, { sendEmail: true });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: 'declined', sendError: expect.stringContaining('rejected') });
  });

  test.each([
    ['no sendEmail', {}],
    ['sendEmail as text', { sendEmail: 'yes' }],
    ['a message too long', { sendEmail: true, message: 'x'.repeat(2001) }],
    ['an unknown field', { sendEmail: false, reason: 'spam' }],
  ])('400 for %s, the request left pending', async (_case, body) => {
    const request = await pendingRequest();
    expectStrapiError(await review(`/${request.id}/decline`, body), 400);
    expect((await requestRow(request.id)).status).toBe('pending');
  });
});

describe('bulk decisions', () => {
  test('bulk approve: each request gets its own personal link; the answer says each one’s sendError', async () => {
    const invitation = await createInvitation(app, { maxUses: 10 });
    const failing = uniqueEmail();
    refused.add(failing);
    const requests = [await pendingRequest(), await pendingRequest(failing), await pendingRequest()];
    const res = await review('/bulk-approve', { ids: requests.map((row) => row.id), invitationId: invitation.id });
    expect(res.status).toBe(200);
    expect(res.body.data.map((row: JsonBody) => [row.id, row.status, row.sendError === null])).toEqual([
      [requests[0].id, 'approved', true],
      [requests[1].id, 'approved', false],
      [requests[2].id, 'approved', true],
    ]);
    const tokens = [requests[0], requests[2]].map((row) => tokenInMail(String(smtp.receivedBy(row.email)[0].mail.text)));
    expect(new Set(tokens).size).toBe(2);
  });

  test('bulk decline: all declined, each answered', async () => {
    const requests = [await pendingRequest(), await pendingRequest()];
    const res = await review('/bulk-decline', { ids: requests.map((row) => row.id), sendEmail: true, message: 'Sorry' });
    expect(res.status).toBe(200);
    expect(res.body.data.map((row: JsonBody) => row.status)).toEqual(['declined', 'declined']);
    for (const row of requests) expect(smtp.receivedBy(row.email)).toHaveLength(1);
  });

  test.each(['/bulk-approve', '/bulk-decline'])(
    '%s: all or nothing: 404 naming an unknown id, 409 naming the decided ones',
    async (path) => {
      const invitation = await createInvitation(app);
      const options = path === '/bulk-approve' ? { invitationId: invitation.id } : { sendEmail: true };
      const open = await pendingRequest();
      const decided = await pendingRequest();
      expect((await review(`/${decided.id}/decline`, { sendEmail: false })).status).toBe(200);

      const unknown = await review(path, { ids: [open.id, 999999], ...options });
      expectStrapiError(unknown, 404);
      expect(unknown.body.error.details).toEqual({ unknown: [999999] });
      const conflict = await review(path, { ids: [open.id, decided.id], ...options });
      expectStrapiError(conflict, 409);
      expect(conflict.body.error.details).toEqual({ reason: ACCESS_REQUEST_DECIDED, ids: [decided.id] });

      expect(await requestRow(open.id)).toMatchObject({ status: 'pending', decidedAt: null });
      expect(smtp.received).toHaveLength(0);
      expect(await app.strapi.db.query(RECIPIENT_UID).count({ where: { invitation: { id: invitation.id } } })).toBe(0);
    }
  );

  test.each([
    ['no ids', { invitationId: 1 }],
    ['an empty list', { ids: [], invitationId: 1 }],
    ['one id twice', { ids: [1, 1], invitationId: 1 }],
    ['too many', { ids: Array.from({ length: 101 }, (_, index) => index + 1), invitationId: 1 }],
    ['an id as text', { ids: ['1'], invitationId: 1 }],
  ])('bulk approve: 400 for %s', async (_case, body) => {
    expectStrapiError(await review('/bulk-approve', body), 400);
  });
});

describe('auto-approval by a link’s autoApproveDomains', () => {
  test('an address at a listed domain (or a subdomain of a *. entry) gets its personal link at once, from the newest active link', async () => {
    const stamp = Date.now();
    const domain = `uni${stamp}.edu`;
    await createInvitation(app, { name: 'Older', autoApproveDomains: [`*.${domain}`] });
    const newest = await createInvitation(app, { name: 'Newest', autoApproveDomains: [`*.${domain}`, `staff${stamp}.example`] });
    const expired = await createInvitation(app, { name: 'Expired', autoApproveDomains: [`*.${domain}`] });
    await setInvitationRow(app, expired.id, { expiresAt: new Date(Date.now() - 1000) });

    const student = `student@cs.${domain}`;
    expect((await submit({ email: student })).status).toBe(202);
    const approved = await eventually(async () => {
      const [row] = await requestsOf(student);
      return row?.status === 'approved' && row.sendError === null && smtp.receivedBy(student).length === 1 ? row : null;
    });
    expect(approved).toMatchObject({ autoApproved: true, decidedBy: null, invitation: { id: newest.id } });
    const signUp = await register(app, {
      ...newAccount(),
      email: student,
      invitationToken: tokenInMail(String(smtp.receivedBy(student)[0].mail.text)),
    });
    expect(signUp.status).toBe(200);

    // The bare domain is not a subdomain of `*.uni….edu`; other domains wait for a reviewer.
    for (const email of [`someone@${domain}`, `someone@elsewhere${stamp}.edu`]) {
      expect((await submit({ email })).status).toBe(202);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await requestsOf(`someone@${domain}`))[0].status).toBe('pending');
    expect((await requestsOf(`someone@elsewhere${stamp}.edu`))[0].status).toBe('pending');
  });

  test('asking again while the personal link waits unused is not mailed again: the request waits for a reviewer', async () => {
    const domain = `again${Date.now()}.example`;
    await createInvitation(app, { autoApproveDomains: [domain] });
    const victim = `victim@${domain}`;
    expect((await submit({ email: victim })).status).toBe(202);
    await eventually(async () => smtp.receivedBy(victim).length === 1);
    for (let repeat = 0; repeat < 3; repeat += 1) expect((await submit({ email: victim })).status).toBe(202);
    // Another address of the domain is approved meanwhile: the settling after the answers has run.
    const other = `other@${domain}`;
    expect((await submit({ email: other })).status).toBe(202);
    await eventually(async () => smtp.receivedBy(other).length === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.receivedBy(victim)).toHaveLength(1);
    expect((await requestsOf(victim)).map((row: JsonBody) => row.status)).toEqual(['approved', 'pending']);
  });

  test('the auto-approval runs after the answer: a slow mail server does not make that answer slower', async () => {
    const domain = `slow${Date.now()}.example`;
    await createInvitation(app, { autoApproveDomains: [domain] });
    const email = `someone@${domain}`;
    const emailService = app.strapi.plugin('email').service('email');
    const originalSend = emailService.send;
    let releaseMail: () => void = () => {};
    const mailHeld = new Promise<void>((resolve) => {
      releaseMail = resolve;
    });
    const send = jest.spyOn(emailService, 'send').mockImplementation(async (...args: unknown[]) => {
      await mailHeld;
      return originalSend.apply(emailService, args);
    });
    try {
      expect((await submit({ email })).status).toBe(202);
      // Answered while the email is still held: the request was stored, its approval not finished.
      expect(smtp.receivedBy(email)).toHaveLength(0);
      releaseMail();
      const approved = await eventually(async () => {
        const [row] = await requestsOf(email);
        return row?.status === 'approved' && smtp.receivedBy(email).length === 1 ? row : null;
      });
      expect(approved).toMatchObject({ autoApproved: true });
    } finally {
      releaseMail();
      send.mockRestore();
    }
  });

  test('autoApproveDomains in the admin API: validated, shown, and setting it needs the send action', async () => {
    const bad = await app
      .http()
      .post('/invitations/invitations')
      .set(admin())
      .send({ name: 'Bad', maxUses: 1, expiresAt: inDays(1), autoApproveDomains: ['not a domain'] });
    expectStrapiError(bad, 400);
    expect(JSON.stringify(bad.body.error)).toContain('autoApproveDomains');

    const shown = await createInvitation(app, { autoApproveDomains: ['Example.EDU', 'example.edu'] });
    expect(shown.autoApproveDomains).toEqual(['example.edu']);
    expect((await createInvitation(app)).autoApproveDomains).toEqual([]);

    const withoutSend = await createAdminWithActions(app, `no send ${Date.now()}`, ['read', 'create', 'update']);
    const headers = { Authorization: `Bearer ${withoutSend}` };
    const create = (body: object) =>
      app
        .http()
        .post('/invitations/invitations')
        .set(headers)
        .send({ name: 'No send', maxUses: 1, expiresAt: inDays(1), ...body });
    const refusedCreate = await create({ autoApproveDomains: ['example.edu'] });
    expectStrapiError(refusedCreate, 403);
    expect(refusedCreate.body.error.details.reason).toBe('auto-approve-needs-send');
    expect((await create({ autoApproveDomains: [] })).status).toBe(201);

    const update = (body: object) => app.http().put(`/invitations/invitations/${shown.id}`).set(headers).send(body);
    expectStrapiError(await update({ autoApproveDomains: ['other.edu'] }), 403);
    expect((await update({ name: 'Renamed', autoApproveDomains: ['example.edu'] })).status).toBe(200);
    const cleared = await update({ autoApproveDomains: [] });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data.autoApproveDomains).toEqual([]);
  });
});

describe('webhooks', () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(() => receiver.close());

  test('the three events are offered to webhooks, which receive each with the request', async () => {
    const events = ['invitation-request.created', 'invitation-request.approved', 'invitation-request.declined'];
    const hook = await app
      .http()
      .post('/admin/webhooks')
      .set(admin())
      .send({ name: 'Access requests', url: receiver.url, headers: {}, events });
    expect(hook.status).toBe(201);
    const invitation = await createInvitation(app);
    const approved = await pendingRequest();
    const declined = await pendingRequest();
    expect((await review(`/${approved.id}/approve`, { invitationId: invitation.id })).status).toBe(200);
    expect((await review(`/${declined.id}/decline`, { sendEmail: false })).status).toBe(200);
    await eventually(async () => receiver.received.length >= 4);
    const seen = receiver.received.map(({ body }) => [body.event, body.accessRequest.id, body.accessRequest.status]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['invitation-request.created', approved.id, 'pending'],
        ['invitation-request.created', declined.id, 'pending'],
        ['invitation-request.approved', approved.id, 'approved'],
        ['invitation-request.declined', declined.id, 'declined'],
      ])
    );
    expect(JSON.stringify(receiver.received)).not.toMatch(/pendingKey|normalizedEmail|token/);
  });
});

describe('the summary and request access turned off', () => {
  test('GET /summary counts pending requests for a reviewer, null for an admin who may not review', async () => {
    const pending = await app.strapi.db.query(REQUEST_UID).count({ where: { status: 'pending' } });
    const summary = await app.http().get('/invitations/summary').set(admin());
    expect(summary.body.data.pendingAccessRequests).toBe(pending);
    const reader = await createAdminWithActions(app, `reader ${Date.now()}`, ['read']);
    const forReader = await app
      .http()
      .get('/invitations/summary')
      .set({ Authorization: `Bearer ${reader}` });
    expect(forReader.body.data.pendingAccessRequests).toBeNull();
  });

  test('off: the route answers the 404 of a route that does not exist, and stores nothing', async () => {
    await app.stop();
    app = await startTestApp({ ...smtp.env, INVITATIONS_REQUEST_ACCESS: 'false' });
    const res = await submit({ email: 'off@example.com' });
    // An unknown POST meets the admin panel's catch-all (405); an unknown API route read is Strapi's 404.
    const unknownRoute = await app.http().get('/api/no-such-api');
    expect(unknownRoute.status).toBe(404);
    expect({ status: res.status, body: res.body }).toEqual({ status: unknownRoute.status, body: unknownRoute.body });
    expect(await app.strapi.db.query(REQUEST_UID).count()).toBe(0);
    const summary = await app.http().get('/invitations/summary').set(admin());
    expect(summary.body.data.pendingAccessRequests).toBeNull();
  });
});
