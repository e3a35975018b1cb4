// @database: every table read back for plaintext tokens, by the schema inspector and knex
import crypto from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, newAccount, register } from '../helpers/fixtures';
import { submitJoinForm } from '../helpers/join-page';
import { captureLogs } from '../helpers/logs';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp';
import { enableFakeGitHub, gitHubProfile, restoreFetch, signInWithGitHub } from '../helpers/fake-github';

let app: TestApp;
let smtp: TestSmtpServer;
let logLines: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestApp({ ...smtp.env, PUBLIC_URL: 'http://127.0.0.1:1337' });
  logLines = captureLogs(app.strapi);
  await enableFakeGitHub(app);
});
afterAll(async () => {
  restoreFetch();
  await app?.stop();
  await smtp?.stop();
});

/** Every value of every row of every table, as text. */
const dumpDatabase = async () => {
  const knex = app.strapi.db.connection;
  const tables = (await app.strapi.db.dialect.schemaInspector.getSchema()).tables.map((table) => table.name);
  const rows = await Promise.all(tables.map((table: string) => knex(table).select('*')));
  return JSON.stringify(rows);
};

test('no token is stored in clear or logged, after a full lifecycle', async () => {
  const invitation = await createInvitation(app, { maxUses: 4 });
  const { token } = invitation;
  const admin = { Authorization: `Bearer ${app.adminToken}` };
  await app.http().post(`/invitations/invitations/${invitation.id}/email-preview`).set(admin).send({}).expect(200);
  await app
    .http()
    .post(`/invitations/invitations/${invitation.id}/send`)
    .set(admin)
    .send({ emails: ['ada@example.com'] })
    .expect(200);
  // The link is in the email, as it must be; nowhere else.
  expect(String(smtp.receivedBy('ada@example.com')[0].mail.text)).toContain(token);
  await app.http().get(`/api/invitations/${token}`).expect(200);
  expect((await register(app, { ...newAccount(), invitationToken: token })).status).toBe(200);
  expect((await signInWithGitHub(app, gitHubProfile(), token)).status).toBe(200);
  expect((await submitJoinForm(app, token, newAccount())).status).toBe(201);
  await app.http().get(`/invitations/invitations/${invitation.id}`).set('Authorization', `Bearer ${app.adminToken}`).expect(200);
  await app.http().get('/invitations/invitations').set('Authorization', `Bearer ${app.adminToken}`).expect(200);
  await app
    .http()
    .put(`/invitations/invitations/${invitation.id}`)
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ maxUses: 3 })
    .expect(200);
  // Refused requests carrying the token, too.
  await app.http().get(`/api/invitations/${token}x`).expect(404);
  expect((await register(app, { ...newAccount(), invitationToken: token })).status).toBe(410);
  expect((await signInWithGitHub(app, gitHubProfile(), token)).status).toBe(410);
  expect((await app.http().get(`/invitations/join/${token}`)).status).toBe(410);
  // And requests refused before any route matched, which the route cannot clean up after.
  const refusedEarly = [
    await app.http().post(`/invitations/join/${token}`).set('Content-Type', 'application/json').send('{"not json'),
    await app
      .http()
      .post(`/invitations/join/${token}`)
      .type('form')
      .send(`csrf=${'x'.repeat(2_000_000)}`),
    await app.http().put(`/api/invitations/${token}`).send({}),
    await app.http().get(`/api/invitations/${token}/unknown?again=1`),
  ];
  for (const res of refusedEarly) expect(res.status).toBeGreaterThanOrEqual(400);

  const dump = await dumpDatabase();
  expect(dump).not.toContain(token);
  expect(dump).toContain(crypto.createHash('sha256').update(token).digest('hex'));

  expect(logLines.some((line) => line.includes('/api/invitations/[token]'))).toBe(true);
  expect(logLines.some((line) => line.includes('/api/invitations/[token]/unknown?again=1'))).toBe(true);
  expect(logLines.filter((line) => line.includes(token))).toEqual([]);
});

test('no personal link token is stored in clear or logged: each is a hash and an encrypted copy', async () => {
  const invitation = await createInvitation(app, { maxUses: 4 });
  const admin = { Authorization: `Bearer ${app.adminToken}` };
  const emails = ['personal-secret@example.com', 'personal-other@example.com'];
  await app.http().post(`/invitations/invitations/${invitation.id}/send`).set(admin).send({ emails, personal: true }).expect(200);
  const tokens = emails.map(
    (email) => /\/invitations\/join\/([\w-]{43})/.exec(String(smtp.receivedBy(email)[0].mail.text))?.[1] as string
  );
  expect(tokens.every((token) => typeof token === 'string')).toBe(true);

  const [first, second] = tokens;
  await app.http().get(`/api/invitations/${first}`).expect(200);
  await app.http().get(`/invitations/join/${first}`).expect(200);
  expect((await register(app, { ...newAccount(), email: emails[0], invitationToken: first })).status).toBe(200);
  expect((await register(app, { ...newAccount(), email: emails[0], invitationToken: first })).status).toBe(410);
  expect((await register(app, { ...newAccount(), invitationToken: second })).status).toBe(403);
  await app.http().get(`/api/invitations/${second}/connect/github`).expect(302);
  await app.http().get(`/invitations/invitations/${invitation.id}/recipients`).set(admin).expect(200);

  const rows = await app.strapi.db
    .query('plugin::invitations.recipient')
    .findMany({ where: { invitation: { id: invitation.id } } });
  const service = app.strapi.plugin('invitations').service('tokens');
  for (const token of tokens) {
    const row = rows.find(
      (candidate: { tokenHash: string }) => candidate.tokenHash === crypto.createHash('sha256').update(token).digest('hex')
    );
    expect(row).toBeDefined();
    expect(row.tokenCiphertext).not.toContain(token);
    expect(service.decrypt(row.tokenCiphertext, row.tokenHash)).toBe(token);
  }
  const dump = await dumpDatabase();
  for (const token of tokens) expect(dump).not.toContain(token);
  expect(logLines.some((line) => line.includes('/invitations/join/[token]'))).toBe(true);
  expect(logLines.filter((line) => tokens.some((token) => line.includes(token)))).toEqual([]);
});

test('a tampered encrypted copy shows no link rather than a wrong one', async () => {
  const invitation = await createInvitation(app);
  const query = app.strapi.db.query('plugin::invitations.invitation');
  const row = await query.findOne({ where: { id: invitation.id } });
  const other = await createInvitation(app);
  const otherRow = await query.findOne({ where: { id: other.id } });
  // A ciphertext moved from another row does not decrypt: it is bound to its own token hash.
  await query.update({ where: { id: invitation.id }, data: { tokenCiphertext: otherRow.tokenCiphertext } });

  const res = await app.http().get(`/invitations/invitations/${invitation.id}`).set('Authorization', `Bearer ${app.adminToken}`);
  expect(res.status).toBe(200);
  expect(res.body.data.token).toBeNull();
  expect(res.body.data.url).toBeNull();
  expect(row.tokenCiphertext).not.toContain(invitation.token);
});

/** The stored copy with one bit of its ciphertext changed (editing base64 text may change only padding bits). */
const withCiphertextBitFlipped = (payload: string) => {
  const parts = payload.split('.');
  const ciphertext = Buffer.from(parts[3], 'base64url');
  ciphertext[0] ^= 1;
  return [...parts.slice(0, 3), ciphertext.toString('base64url')].join('.');
};

test('the stored copy is encrypted with a key derived from the app secret', () => {
  const tokens = app.strapi.plugin('invitations').service('tokens');
  const token = tokens.generate();
  const hash = tokens.hash(token);
  const first = tokens.encrypt(token, hash);
  const second = tokens.encrypt(token, hash);
  expect(first).not.toBe(second);
  expect(tokens.decrypt(first, hash)).toBe(token);
  expect(tokens.decrypt(withCiphertextBitFlipped(first), hash)).toBeNull();
  expect(tokens.decrypt('garbage', hash)).toBeNull();
});
