// @engine-neutral
import { actionId } from '../../shared';
import { createInvitation, expectStrapiError, newAccount, register, setInvitationRow } from '../helpers/fixtures';
import { useAppWithMailServer } from '../helpers/mail-app';
import type { TestSmtpServer } from '../helpers/smtp';
import { createAdminWithRole, type TestApp } from '../helpers/strapi';

const DELIVERY_UID = 'plugin::invitations.delivery';
const SITE_NAME = 'Invitations playground';

let app: TestApp;
let smtp: TestSmtpServer;

useAppWithMailServer((started) => {
  ({ app, smtp } = started);
});

const admin = () => ({ Authorization: `Bearer ${app.adminToken}` });
const send = (id: number | string, body: unknown, headers = admin()) =>
  app
    .http()
    .post(`/invitations/invitations/${id}/send`)
    .set(headers)
    .send(body as object);
const preview = (id: number | string, body: unknown = {}, headers = admin()) =>
  app
    .http()
    .post(`/invitations/invitations/${id}/email-preview`)
    .set(headers)
    .send(body as object);
const deliveriesOf = (invitationId: number) =>
  app.strapi.db.query(DELIVERY_UID).findMany({ where: { invitation: { id: invitationId } } });
const htmlOf = (received: TestSmtpServer['received'][number]) => String(received.mail.html);

describe('POST /invitations/invitations/:id/send', () => {
  test('emails each address its own message with the link in both parts, and the link works', async () => {
    const invitation = await createInvitation(app, { maxUses: 10 });
    const emails = ['ada@example.com', 'grace@example.org', 'alan@example.net'];
    const res = await send(invitation.id, { emails, locale: 'en' });

    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ sent: emails, failed: [], remaining: 10, warnings: [] });
    expect(smtp.received).toHaveLength(3);
    for (const email of emails) {
      const [message] = smtp.receivedBy(email);
      expect(message.to).toEqual([email]);
      expect(message.mail.subject).toBe(`Your invitation to join ${SITE_NAME}`);
      expect(message.mail.from?.text).toContain('no-reply@example.com');
      expect(message.mail.text).toContain(invitation.url);
      expect(htmlOf(message)).toContain(`href="${invitation.url}"`);
      expect(message.mail.text).toContain('Ada Admin invites you to create an account on Invitations playground.');
    }

    const token = invitation.url.split('/').pop();
    const status = await app.http().get(`/api/invitations/${token}`);
    expect(status.status).toBe(200);
    expect(status.body.data.remaining).toBe(10);
  });

  test('trims the addresses and sends once to each, whatever their case', async () => {
    const invitation = await createInvitation(app);
    const res = await send(invitation.id, {
      emails: ['  Mixed.Case@Example.com ', 'mixed.case@example.COM', 'other@example.com', 'OTHER@example.com'],
    });
    expect(res.status).toBe(200);
    expect(res.body.data.sent).toEqual(['Mixed.Case@Example.com', 'other@example.com']);
    expect(smtp.received).toHaveLength(2);
    expect(smtp.receivedBy('mixed.case@example.com')).toHaveLength(1);
    expect(smtp.receivedBy('other@example.com')).toHaveLength(1);
  });

  test("escapes the admin's message in the HTML part and keeps it as typed in the text part", async () => {
    const invitation = await createInvitation(app);
    const message = 'Welcome <script>alert("x")</script> & <b>friends</b>\nSee you {{link}}';
    const res = await send(invitation.id, { emails: ['escape@example.com'], subject: 'Join us, <b>now</b>', message });
    expect(res.status).toBe(200);

    const [received] = smtp.received;
    expect(received.mail.subject).toBe('Join us, <b>now</b>');
    expect(received.mail.text).toContain(message);
    const html = htmlOf(received);
    expect(html).toContain('Welcome &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;friends&lt;/b&gt;<br>');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>friends</b>');
    // Placeholders typed by the admin are not filled in: only the template's own are.
    expect(html).toContain('See you {{link}}');
  });

  test("writes the email in the language asked for, else in the admin's own", async () => {
    const invitation = await createInvitation(app);
    expect((await send(invitation.id, { emails: ['fr@example.com'], locale: 'fr-FR' })).status).toBe(200);
    const [french] = smtp.receivedBy('fr@example.com');
    expect(french.mail.subject).toBe(`Votre invitation à rejoindre ${SITE_NAME}`);
    expect(french.mail.text).toContain("Cliquez sur ce lien d'invitation pour créer votre compte :");
    expect(french.mail.text).toMatch(/valable jusqu'au \d{1,2} \p{L}+ \d{4}/u);
    expect(htmlOf(french)).toContain('<html lang="fr">');

    // `language` is the field's documented name; `locale` its first one.
    expect((await send(invitation.id, { emails: ['de@example.com'], language: 'de' })).status).toBe(200);
    expect(smtp.receivedBy('de@example.com')[0].mail.subject).toBe(`Ihre Einladung zu ${SITE_NAME}`);

    await app.strapi.db.query('admin::user').update({ where: { email: 'admin@example.com' }, data: { preferedLanguage: 'fr' } });
    try {
      expect((await send(invitation.id, { emails: ['default-fr@example.com'] })).status).toBe(200);
      expect(smtp.receivedBy('default-fr@example.com')[0].mail.subject).toBe(`Votre invitation à rejoindre ${SITE_NAME}`);
    } finally {
      await app.strapi.db
        .query('admin::user')
        .update({ where: { email: 'admin@example.com' }, data: { preferedLanguage: null } });
    }
    expect((await send(invitation.id, { emails: ['unknown-language@example.com'], locale: 'ja' })).status).toBe(200);
    expect(smtp.receivedBy('unknown-language@example.com')[0].mail.subject).toBe(`Your invitation to join ${SITE_NAME}`);
  });

  test.each([
    [
      'de',
      'de-AT',
      `Ihre Einladung zu ${SITE_NAME}`,
      'Klicken Sie auf diesen Einladungslink',
      /gültig bis \d{1,2}\. \p{L}+ \d{4}/u,
    ],
    [
      'es',
      'es',
      `Tu invitación para unirte a ${SITE_NAME}`,
      'Haz clic en este enlace de invitación',
      /hasta el \d{1,2} de \p{L}+ de \d{4}/u,
    ],
    [
      'it',
      'it-CH',
      `Il tuo invito a unirti a ${SITE_NAME}`,
      'Fai clic su questo link di invito',
      /invito: \d{1,2} \p{L}+ \d{4}/u,
    ],
    [
      'pt-BR',
      'pt',
      `Seu convite para participar de ${SITE_NAME}`,
      'Clique neste link de convite',
      /até \d{1,2} de \p{L}+ de \d{4}/u,
    ],
    ['nl', 'nl-BE', `Uw uitnodiging voor ${SITE_NAME}`, 'Klik op deze uitnodigingslink', /geldig tot \d{1,2} \p{L}+ \d{4}/u],
  ])('writes the email in %s when asked for %s, the date in that language too', async (lang, asked, subject, linkIntro, date) => {
    const invitation = await createInvitation(app);
    const to = `${asked.toLowerCase()}@example.com`;
    expect((await send(invitation.id, { emails: [to], locale: asked })).status).toBe(200);
    const [mail] = smtp.receivedBy(to);
    expect(mail.mail.subject).toBe(subject);
    expect(mail.mail.text).toContain(linkIntro);
    expect(mail.mail.text).toMatch(date);
    expect(mail.mail.text).not.toContain('{{');
    expect(htmlOf(mail)).toContain(`<html lang="${lang}">`);
  });

  test('an address the mail server refuses fails alone: the others are sent', async () => {
    const invitation = await createInvitation(app);
    const res = await send(invitation.id, { emails: ['first@example.com', 'nobody@example.com', 'last@example.com'] });
    expect(res.status).toBe(200);
    expect(res.body.data.sent).toEqual(['first@example.com', 'last@example.com']);
    expect(res.body.data.failed).toEqual([{ email: 'nobody@example.com', error: expect.stringMatching(/550|rejected/) }]);
    expect(smtp.received.map((message) => message.to[0]).sort()).toEqual(['first@example.com', 'last@example.com']);
  });

  test('sends a few at a time, never more than the configured concurrency', async () => {
    const invitation = await createInvitation(app, { maxUses: 20 });
    const emails = Array.from({ length: 15 }, (_, i) => `parallel${i}@example.com`);
    const res = await send(invitation.id, { emails });
    expect(res.status).toBe(200);
    expect(res.body.data.sent).toHaveLength(15);
    expect(smtp.maxConcurrentSessions()).toBeGreaterThan(1);
    expect(smtp.maxConcurrentSessions()).toBeLessThanOrEqual(app.strapi.config.get('plugin::invitations.email.concurrency'));
  });

  test('more recipients than seats left is allowed, with a warning', async () => {
    const invitation = await createInvitation(app, { maxUses: 2 });
    const emails = ['seat1@example.com', 'seat2@example.com', 'seat3@example.com'];
    const res = await send(invitation.id, { emails });
    expect(res.status).toBe(200);
    expect(res.body.data.sent).toEqual(emails);
    expect(res.body.data.remaining).toBe(2);
    expect(res.body.data.warnings).toEqual([
      expect.objectContaining({
        code: 'more-recipients-than-seats',
        recipients: 3,
        remaining: 2,
        message: expect.stringMatching(/only 2/),
      }),
    ]);
  });

  test('a template from the plugin config replaces the shipped one', async () => {
    const templates = 'plugin::invitations.email.templates';
    const invitation = await createInvitation(app);
    app.strapi.config.set(templates, { en: { subject: 'Come to {{siteName}}', text: 'Go to {{link}} before {{expiresAt}}' } });
    try {
      expect((await send(invitation.id, { emails: ['custom@example.com'], locale: 'en' })).status).toBe(200);
    } finally {
      app.strapi.config.set(templates, {});
    }
    const [received] = smtp.received;
    expect(received.mail.subject).toBe(`Come to ${SITE_NAME}`);
    expect(received.mail.text?.trim()).toMatch(
      new RegExp(`^Go to ${invitation.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} before \\w+ \\d`)
    );
    // The parts not overridden are still the shipped ones.
    expect(htmlOf(received)).toContain('Create my account');
  });

  test("a recipient with a language of their own gets the email in it, with that template's words; the admin's words go to the send's language", async () => {
    const invitation = await createInvitation(app);
    const res = await send(invitation.id, {
      emails: [
        'plain@example.com',
        { email: 'de@example.com', language: 'de' },
        { email: 'quebec@example.com', language: 'fr-CA' },
        { email: 'british@example.com', language: 'en-GB' },
      ],
      locale: 'en',
      subject: 'Come aboard',
      message: 'A note from the team',
    });
    expect(res.status).toBe(200);
    expect(res.body.data.sent).toHaveLength(4);
    const received = (email: string) => smtp.receivedBy(email)[0].mail;
    for (const email of ['plain@example.com', 'british@example.com']) {
      expect(received(email).subject).toBe('Come aboard');
      expect(received(email).text).toContain('A note from the team');
    }
    expect(received('de@example.com').subject).toBe(`Ihre Einladung zu ${SITE_NAME}`);
    expect(received('de@example.com').text).not.toContain('A note from the team');
    expect(received('de@example.com').text).toContain(invitation.url);
    expect(received('quebec@example.com').subject).toBe(`Votre invitation à rejoindre ${SITE_NAME}`);
  });

  describe('refuses, sending nothing', () => {
    const refusals: Array<[string, unknown, RegExp]> = [
      ['an invalid address, naming it', { emails: ['ok@example.com', 'not-an-address'] }, /"not-an-address"/],
      [
        'several invalid addresses, naming each',
        { emails: ['a@b', 'ok@example.com', 'two@@example.com', 'spaced out@example.com'] },
        /"a@b", "two@@example.com", "spaced out@example.com"/,
      ],
      ['a blank address', { emails: ['ok@example.com', '   '] }, /""/],
      ['an empty list', { emails: [] }, /at least one address/],
      ['no list', { subject: 'Hello' }, /emails is required/],
      ['a list that is not one', { emails: 'ok@example.com' }, /emails must be a list/],
      [
        'entries that are neither strings nor addresses with a language',
        { emails: ['ok@example.com', 42] },
        /emails\[1\] must be an email address, or an object \{ email, language \}/,
      ],
      [
        'an entry with an unknown field',
        { emails: [{ email: 'ok@example.com', cc: 'x@example.com' }] },
        /emails\[0\] must be an email address, or an object/,
      ],
      [
        'an entry whose language is no language code',
        { emails: ['ok@example.com', { email: 'de@example.com', language: 'German' }] },
        /emails\[1\]\.language must be a language code/,
      ],
      ['an entry with language whose address is none', { emails: [{ email: 'nope', language: 'de' }] }, /"nope"/],
      ['more than 1000 addresses', { emails: Array.from({ length: 1001 }, (_, i) => `x${i}@example.com`) }, /at most 1000/],
      ['a subject on two lines', { emails: ['ok@example.com'], subject: 'Hello\r\nBcc: victim@example.com' }, /one line/],
      ['a blank subject', { emails: ['ok@example.com'], subject: '  ' }, /subject must be 1 to 255/],
      ['a message too long', { emails: ['ok@example.com'], message: 'x'.repeat(5001) }, /at most 5000/],
      ['a locale that is no language code', { emails: ['ok@example.com'], locale: '../../etc' }, /language code/],
      [
        'a language that is no language code',
        { emails: ['ok@example.com'], language: 'French' },
        /language must be a language code/,
      ],
      [
        'a language and a locale that differ',
        { emails: ['ok@example.com'], language: 'de', locale: 'fr' },
        /language and locale are the same setting/,
      ],
      ['an unknown time zone', { emails: ['ok@example.com'], timeZone: 'Mars/Olympus' }, /time zone/],
      ['an unknown field', { emails: ['ok@example.com'], bcc: ['x@example.com'] }, /Unknown field: bcc/],
    ];

    test.each(refusals)('%s: 400', async (_label, body, message) => {
      const invitation = await createInvitation(app);
      const res = await send(invitation.id, body);
      expectStrapiError(res, 400, message);
      expect(smtp.received).toHaveLength(0);
      expect(await deliveriesOf(invitation.id)).toHaveLength(0);
    });

    test('invalid addresses are listed in details, each once, with their place in the list', async () => {
      const invitation = await createInvitation(app);
      const res = await send(invitation.id, { emails: ['bad', 'ok@example.com', 'bad', 'worse@'] });
      expectStrapiError(res, 400, /Nothing was sent/);
      expect(res.body.error.details.invalid).toEqual(['bad', 'worse@']);
      expect(res.body.error.details.errors.map((error: { path: string[] }) => error.path)).toEqual([
        ['emails', '0'],
        ['emails', '2'],
        ['emails', '3'],
      ]);
    });

    test('an expired invitation: 410, saying it expired', async () => {
      const invitation = await createInvitation(app);
      await setInvitationRow(app, invitation.id, { expiresAt: new Date(Date.now() - 1000) });
      const res = await send(invitation.id, { emails: ['late@example.com'] });
      expectStrapiError(res, 410, /expired/);
      expect(res.body.error.details).toEqual({ reason: 'expired' });
      expect(smtp.received).toHaveLength(0);
    });

    test('a used-up invitation: 410, saying it is used up', async () => {
      const invitation = await createInvitation(app, { maxUses: 1 });
      expect((await register(app, { ...newAccount(), invitationToken: invitation.token })).status).toBe(200);
      const res = await send(invitation.id, { emails: ['late@example.com'] });
      expectStrapiError(res, 410, /used up/);
      expect(res.body.error.details).toEqual({ reason: 'exhausted' });
      expect(smtp.received).toHaveLength(0);
    });

    test('an unknown invitation: 404; an id that is none: 400', async () => {
      expectStrapiError(await send(999999, { emails: ['ok@example.com'] }), 404, /not found/);
      expectStrapiError(await send('abc', { emails: ['ok@example.com'] }), 400, /positive whole number/);
      expect(smtp.received).toHaveLength(0);
    });
  });
});

describe('the record of sends', () => {
  test("is part of the invitation's detail: who, when, by whom, sent or failed and why", async () => {
    const invitation = await createInvitation(app);
    const before = Date.now();
    await send(invitation.id, { emails: ['kept@example.com', 'nobody-home@example.com'] });

    const res = await app.http().get(`/invitations/invitations/${invitation.id}`).set(admin());
    expect(res.status).toBe(200);
    const { deliveries } = res.body.data;
    expect(deliveries).toMatchObject({ total: 2, sent: 1, failed: 1 });
    const byRecipient = Object.fromEntries(
      deliveries.latest.map((delivery: { recipient: string }) => [delivery.recipient, delivery])
    );
    const sentBy = { firstname: 'Ada', lastname: 'Admin', email: 'admin@example.com' };
    expect(byRecipient['kept@example.com']).toMatchObject({ status: 'sent', error: null, sentBy });
    expect(byRecipient['nobody-home@example.com']).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/550|rejected/),
      sentBy,
    });
    for (const delivery of deliveries.latest) {
      expect(Date.parse(delivery.sentAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(delivery.sentAt)).toBeLessThanOrEqual(Date.now());
    }
  });

  test('an invitation never sent has an empty record', async () => {
    const invitation = await createInvitation(app);
    const res = await app.http().get(`/invitations/invitations/${invitation.id}`).set(admin());
    expect(res.body.data.deliveries).toEqual({ total: 0, sent: 0, failed: 0, latest: [] });
  });

  test('deleting an invitation deletes its record and keeps the accounts made with it', async () => {
    const invitation = await createInvitation(app);
    const account = newAccount();
    expect((await register(app, { ...account, invitationToken: invitation.token })).status).toBe(200);
    await send(invitation.id, { emails: ['gone1@example.com', 'gone2@example.com'] });
    expect(await deliveriesOf(invitation.id)).toHaveLength(2);

    const res = await app.http().delete(`/invitations/invitations/${invitation.id}`).set(admin());
    expect(res.status).toBe(200);
    const left = await app.strapi.db
      .query(DELIVERY_UID)
      .findMany({ where: { recipient: { $in: ['gone1@example.com', 'gone2@example.com'] } } });
    expect(left).toHaveLength(0);
    const user = await app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email: account.email } });
    expect(user).toBeTruthy();
  });
});

describe('POST /invitations/invitations/:id/email-preview', () => {
  test("shows the email as it will be sent, and the dialog's prefilled subject and message", async () => {
    const invitation = await createInvitation(app);
    const res = await preview(invitation.id, { locale: 'fr', message: 'Salut <toi>', timeZone: 'Europe/Paris' });
    expect(res.status).toBe(200);
    const { data } = res.body;
    expect(data.locale).toBe('fr');
    expect(data.defaults).toEqual({
      subject: `Votre invitation à rejoindre ${SITE_NAME}`,
      message: `Bonjour,\n\nJe vous invite à nous rejoindre sur ${SITE_NAME}.`,
    });
    expect(data.subject).toBe(data.defaults.subject);
    expect(data.html).toContain('Salut &lt;toi&gt;');
    expect(data.html).toContain(invitation.url);
    expect(data.text).toContain(invitation.url);
    // Europe/Paris: the link's end of validity is given in the admin's time zone.
    expect(data.text).toMatch(/UTC\+1|UTC\+2|CET|CEST/);
    expect(smtp.received).toHaveLength(0);
  });

  test('refuses what the send refuses', async () => {
    const invitation = await createInvitation(app);
    expectStrapiError(await preview(invitation.id, { subject: 'a\nb' }), 400, /one line/);
    expectStrapiError(await preview(invitation.id, { emails: ['x@example.com'] }), 400, /Unknown field: emails/);
    expectStrapiError(await preview(999999), 404);
  });
});

describe('permissions', () => {
  let editorToken: string;

  beforeAll(async () => {
    const editorRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    await app.strapi.service('admin::role').addPermissions(editorRole.id, [{ action: actionId('read'), subject: null }]);
    editorToken = await createAdminWithRole(app, 'strapi-editor', {
      email: 'reader@example.com',
      firstname: 'Rea',
      lastname: 'Der',
      password: 'Reader-password-1',
    });
  });

  test('an admin who may read invitations but not send them gets 403, and nothing is sent', async () => {
    const invitation = await createInvitation(app);
    const asEditor = { Authorization: `Bearer ${editorToken}` };
    expect((await app.http().get(`/invitations/invitations/${invitation.id}`).set(asEditor)).status).toBe(200);
    expect((await send(invitation.id, { emails: ['ok@example.com'] }, asEditor)).status).toBe(403);
    expect((await preview(invitation.id, {}, asEditor)).status).toBe(403);
    expect(
      (
        await app
          .http()
          .post(`/invitations/invitations/${invitation.id}/send`)
          .send({ emails: ['ok@example.com'] })
      ).status
    ).toBe(401);
    expect(smtp.received).toHaveLength(0);
    expect(await deliveriesOf(invitation.id)).toHaveLength(0);
  });

  test('granting the send action lets that admin send', async () => {
    const editorRole = await app.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
    await app.strapi.service('admin::role').addPermissions(editorRole.id, [{ action: actionId('send'), subject: null }]);
    const invitation = await createInvitation(app);
    const res = await send(invitation.id, { emails: ['granted@example.com'] }, { Authorization: `Bearer ${editorToken}` });
    expect(res.status).toBe(200);
    expect(smtp.receivedBy('granted@example.com')[0].mail.text).toContain('Rea Der invites you');
  });
});
