// @database: the edits live in the plugin's store (strapi_core_store_settings) and outlive a restart on the same database
import { EMAIL_KINDS, SHIPPED_LANGUAGES, MASKED_TOKEN } from '../../shared';
import { databaseOfThisRun } from '../helpers/database';
import { createInvitation, expectExactStrapiError, recipientRowsOf, type JsonBody } from '../helpers/fixtures';
import { useAppWithMailServer, type MailApp } from '../helpers/mail-app';
import type { TestSmtpServer } from '../helpers/smtp';
import { createAdminWithActions, type TestApp } from '../helpers/strapi';

const SITE_NAME = 'Invitations playground';
const STORE_KEY = 'email-templates';

let app: TestApp;
let smtp: TestSmtpServer;
let restart: MailApp['restart'];

useAppWithMailServer((started) => {
  ({ app, smtp } = started);
  restart = started.restart;
});

const admin = () => ({ Authorization: `Bearer ${app.adminToken}` });
const list = () => app.http().get('/invitations/email-templates').set(admin());
const put = (kind: string, language: string, body: unknown) =>
  app
    .http()
    .put(`/invitations/email-templates/${kind}/${language}`)
    .set(admin())
    .send(body as object);
const reset = (kind: string, language: string) =>
  app.http().delete(`/invitations/email-templates/${kind}/${language}`).set(admin());
const sendTest = (kind: string, language: string, token = app.adminToken) =>
  app
    .http()
    .post(`/invitations/email-templates/${kind}/${language}/test`)
    .set({ Authorization: `Bearer ${token}` });
const send = (id: number, body: object) => app.http().post(`/invitations/invitations/${id}/send`).set(admin()).send(body);

const storedEdits = () => app.strapi.store({ type: 'plugin', name: 'invitations' }).get({ key: STORE_KEY });
const rowOf = (rows: JsonBody[], kind: string, language: string) =>
  rows.find((row: JsonBody) => row.kind === kind && row.language === language);

/** An edit using every variable of the body, the message in a section, the link outside any. */
const edited = (label: string) => ({
  subject: `${label}: {{senderName}} invites you to {{siteName}}`,
  body: `${label} for {{siteName}} from {{senderName}}.\n{{#message}}Note: {{message}}\n{{/message}}Go to {{link}} before {{expiresAt}}.`,
});

afterEach(async () => {
  // Each test starts from the defaults.
  await app.strapi.store({ type: 'plugin', name: 'invitations' }).delete({ key: STORE_KEY });
});

describe('GET /invitations/email-templates', () => {
  test('lists every kind in every language with its default, the built-in text while nothing is edited', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    const rows: JsonBody[] = res.body.data;
    expect(rows).toHaveLength(EMAIL_KINDS.length * SHIPPED_LANGUAGES.length);
    for (const kind of EMAIL_KINDS) {
      for (const language of SHIPPED_LANGUAGES) {
        const row = rowOf(rows, kind, language);
        // The answer to a declined access request carries no link, and no admin's name.
        const withLink = kind !== 'access-request-declined';
        expect(row).toEqual({
          kind,
          language,
          subject: row.default.subject,
          body: row.default.body,
          isDefault: true,
          variables: withLink
            ? { subject: ['siteName', 'senderName'], body: expect.arrayContaining(['link', 'expiresAt', 'message']) }
            : { subject: ['siteName'], body: ['siteName', 'message', 'subject'] },
          default: {
            subject: expect.any(String),
            body: withLink ? expect.stringContaining('{{link}}') : expect.stringContaining('{{message}}'),
          },
        });
      }
    }
    expect(rowOf(rows, 'access-request-declined', 'nl').default.subject).toBe('Uw toegangsaanvraag voor {{siteName}}');
    expect(rowOf(rows, 'invitation', 'fr').default.subject).toBe('Votre invitation à rejoindre {{siteName}}');
    expect(rowOf(rows, 'personal-invitation', 'de').default.subject).toBe('Ihre Einladung zu {{siteName}}');
  });
});

describe('PUT /invitations/email-templates/:kind/:language', () => {
  test('the next shared-link email uses the edit, its variables filled, a <script> in a value escaped in the HTML part', async () => {
    const res = await put('invitation', 'en', edited('Shared'));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kind: 'invitation', language: 'en', ...edited('Shared'), isDefault: false });
    expect(res.body.data.default.subject).toBe('Your invitation to join {{siteName}}');

    const invitation = await createInvitation(app);
    const message = 'Hi <script>alert("x")</script> & co';
    expect((await send(invitation.id, { emails: ['shared@example.com'], locale: 'en', message })).status).toBe(200);
    const [received] = smtp.receivedBy('shared@example.com');
    expect(received.mail.subject).toBe(`Shared: Ada Admin invites you to ${SITE_NAME}`);
    expect(received.mail.text).toMatch(
      new RegExp(`^Shared for ${SITE_NAME} from Ada Admin\\.\\nNote: .+\\nGo to \\S+ before \\w+ \\d{1,2}, \\d{4}`)
    );
    expect(received.mail.text).toContain(`Note: ${message}\n`);
    expect(received.mail.text).toContain(`Go to ${invitation.url} before `);
    const html = String(received.mail.html);
    expect(html).toContain('Note: Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(html).not.toContain('<script>');
    expect(html).toContain(`<a href="${invitation.url}"`);
    expect(html).toContain('<html lang="en">');
  });

  test('the next personal-link email uses the personal-invitation edit, not the shared one', async () => {
    expect((await put('personal-invitation', 'fr', edited('Personnel'))).status).toBe(200);
    const invitation = await createInvitation(app);
    const res = await send(invitation.id, { emails: ['personal@example.com'], personal: true, locale: 'fr', message: '' });
    expect(res.status).toBe(200);
    const [received] = smtp.receivedBy('personal@example.com');
    expect(received.mail.subject).toBe(`Personnel: Ada Admin invites you to ${SITE_NAME}`);
    const [recipient] = await recipientRowsOf(app, invitation.id);
    const token = app.strapi.plugin('invitations').service('tokens').decrypt(recipient.tokenCiphertext, recipient.tokenHash);
    expect(received.mail.text).toContain(`Personnel for ${SITE_NAME} from Ada Admin.`);
    expect(received.mail.text).toContain(`/${token} before `);
    // The admin cleared the message: its section is left out.
    expect(received.mail.text).not.toContain('Note:');

    // The shared link in French is still the built-in one.
    expect((await send(invitation.id, { emails: ['shared-fr@example.com'], locale: 'fr' })).status).toBe(200);
    expect(smtp.receivedBy('shared-fr@example.com')[0].mail.subject).toBe(`Votre invitation à rejoindre ${SITE_NAME}`);
    // The store holds the edits and nothing else: no token, no address.
    const stored = JSON.stringify(await storedEdits());
    expect(stored).not.toContain(token);
    expect(stored).not.toContain('personal@example.com');
    expect(await storedEdits()).toEqual({ 'personal-invitation': { fr: edited('Personnel') } });
  });

  test('a resent personal link uses the personal-invitation edit too, a <script> in the message escaped', async () => {
    expect((await put('personal-invitation', 'nl', edited('Opnieuw'))).status).toBe(200);
    const invitation = await createInvitation(app);
    expect((await send(invitation.id, { emails: ['again@example.com'], personal: true, locale: 'nl' })).status).toBe(200);
    const [recipient] = await recipientRowsOf(app, invitation.id);
    await smtp.clear();
    const message = '<script>alert(1)</script> "welcome"';
    const res = await app
      .http()
      .post(`/invitations/invitations/${invitation.id}/recipients/${recipient.id}/resend`)
      .set(admin())
      .send({ locale: 'nl', message });
    expect(res.status).toBe(200);
    const [received] = smtp.receivedBy('again@example.com');
    expect(received.mail.subject).toBe(`Opnieuw: Ada Admin invites you to ${SITE_NAME}`);
    expect(received.mail.text).toContain(`Note: ${message}\n`);
    const html = String(received.mail.html);
    expect(html).toContain('Note: &lt;script&gt;alert(1)&lt;/script&gt; &quot;welcome&quot;');
    expect(html).not.toContain('<script>');
  });

  test('the send preview of personal links shows the personal-invitation template', async () => {
    expect((await put('personal-invitation', 'en', edited('Preview'))).status).toBe(200);
    const invitation = await createInvitation(app);
    const preview = (body: object) =>
      app.http().post(`/invitations/invitations/${invitation.id}/email-preview`).set(admin()).send(body);
    expect((await preview({ locale: 'en', personal: true })).body.data.defaults.subject).toBe(
      `Preview: Ada Admin invites you to ${SITE_NAME}`
    );
    expect((await preview({ locale: 'en' })).body.data.defaults.subject).toBe(`Your invitation to join ${SITE_NAME}`);
  });

  test.each([
    ['no subject', { body: '{{link}}' }, /subject is required/],
    ['an empty subject', { subject: '  ', body: '{{link}}' }, /subject must be 1 to 200/],
    ['a subject of 201 characters', { subject: 'x'.repeat(201), body: '{{link}}' }, /subject must be 1 to 200/],
    ['a subject of two lines', { subject: 'One\nTwo', body: '{{link}}' }, /one line/],
    ['a body of 10001 characters', { subject: 'S', body: `{{link}}${'x'.repeat(9993)}` }, /body must be 1 to 10000/],
    ['an empty body', { subject: 'S', body: '' }, /^body is required$/],
    ['a blank body', { subject: 'S', body: ' \n ' }, /body must be 1 to 10000/],
    ['a body that is not a string', { subject: 'S', body: 42 }, /body must be a string/],
    ['an unknown variable in the body', { subject: 'S', body: '{{link}} {{password}}' }, /\{\{password\}\}/],
    ['an unknown variable in the subject', { subject: 'Hi {{firstName}}', body: '{{link}}' }, /\{\{firstName\}\}/],
    ['the link in the subject', { subject: 'Go {{link}}', body: '{{link}}' }, /\{\{link\}\}/],
    ['a body without the link', { subject: 'S', body: 'Hello {{siteName}}' }, /must contain \{\{link\}\}/],
    ['the link only inside a section', { subject: 'S', body: '{{#message}}{{link}}{{/message}}' }, /must contain \{\{link\}\}/],
    ['a section left open', { subject: 'S', body: '{{#message}}{{message}} {{link}}' }, /does not close/],
    ['an unknown field', { subject: 'S', body: '{{link}}', html: '<p>' }, /Unknown field: html/],
    ['a list', [], /JSON object/],
  ])('%s: 400 in Strapi’s format, nothing stored', async (_case, body, message) => {
    const res = await put('invitation', 'en', body);
    expectExactStrapiError(res, 400, 'ValidationError');
    expect(res.body.error.message).toMatch(message);
    expect(await storedEdits()).toBeNull();
  });

  test.each([
    ['an unknown kind', 'newsletter', 'en'],
    ['an unknown language', 'invitation', 'ja'],
    ['a language in the wrong case', 'invitation', 'PT-br'],
  ])('%s: 404 in Strapi’s format, nothing stored', async (_case, kind, language) => {
    const res = await put(kind, language, edited('Nope'));
    expectExactStrapiError(res, 404, 'NotFoundError');
    expectExactStrapiError(await reset(kind, language), 404, 'NotFoundError');
    expectExactStrapiError(await sendTest(kind, language), 404, 'NotFoundError');
    expect(await storedEdits()).toBeNull();
    expect(smtp.received).toHaveLength(0);
  });
});

describe('DELETE /invitations/email-templates/:kind/:language', () => {
  test('resets that one template to its default; the others keep their edits', async () => {
    await put('invitation', 'en', edited('One'));
    await put('invitation', 'nl', edited('Two'));
    const res = await reset('invitation', 'en');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ kind: 'invitation', language: 'en', isDefault: true });
    expect(res.body.data.subject).toBe('Your invitation to join {{siteName}}');
    expect(await storedEdits()).toEqual({ invitation: { nl: edited('Two') } });

    const invitation = await createInvitation(app);
    expect((await send(invitation.id, { emails: ['reset@example.com'], locale: 'en' })).status).toBe(200);
    expect(smtp.receivedBy('reset@example.com')[0].mail.subject).toBe(`Your invitation to join ${SITE_NAME}`);
    // The built-in HTML again, with its button.
    expect(String(smtp.receivedBy('reset@example.com')[0].mail.html)).toContain('Create my account');
  });
});

describe('POST /invitations/email-templates/:kind/:language/test', () => {
  test("sends the edited template with sample values to the calling admin only, its link's token masked", async () => {
    await put('personal-invitation', 'es', edited('Prueba'));
    const deliveries = () => app.strapi.db.query('plugin::invitations.delivery').count();
    const deliveriesBefore = await deliveries();
    const res = await sendTest('personal-invitation', 'es');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      sentTo: 'admin@example.com',
      subject: `[Test] Prueba: Ada Admin invites you to ${SITE_NAME}`,
    });
    expect(smtp.received).toHaveLength(1);
    const [received] = smtp.receivedBy('admin@example.com');
    expect(received.mail.subject).toBe(`[Test] Prueba: Ada Admin invites you to ${SITE_NAME}`);
    expect(received.mail.text).toContain(`/invitations/join/${MASKED_TOKEN}`);
    expect(received.mail.text).toContain(`Prueba for ${SITE_NAME} from Ada Admin.`);
    // Nothing recorded as a send.
    expect(await deliveries()).toBe(deliveriesBefore);
  });

  test("the provider's refusal is a 502 in Strapi's format", async () => {
    const token = await createAdminWithActions(app, 'nobody templates', ['editEmailTemplates']);
    const res = await sendTest('invitation', 'en', token);
    expectExactStrapiError(res, 502, 'BadGatewayError');
  });
});

describe('after a restart on the same database', () => {
  test('the edit is still there and still used', async () => {
    await put('invitation', 'it', edited('Riavvio'));
    app = await restart(databaseOfThisRun());

    const rows: JsonBody[] = (await list()).body.data;
    expect(rowOf(rows, 'invitation', 'it')).toMatchObject({ ...edited('Riavvio'), isDefault: false });
    const invitation = await createInvitation(app);
    expect((await send(invitation.id, { emails: ['restart@example.com'], locale: 'it' })).status).toBe(200);
    expect(smtp.receivedBy('restart@example.com')[0].mail.subject).toBe(`Riavvio: Ada Admin invites you to ${SITE_NAME}`);
  });
});
