import crypto from 'node:crypto';
import type { TestApp } from './strapi';
import type { InvitationInput } from '../../server/src/validation/invitation';

/**
 * The parsed JSON body of an HTTP answer, as supertest's `res.body` is: the tests read the fields
 * they check, and their expectations are what checks its shape.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place the tests' JSON bodies are typed
export type JsonBody = any;

const DAY_MS = 24 * 60 * 60 * 1000;

export const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

/** What the admin API takes to create a link: the plugin's own input type, so that it keeps up. */
export type InvitationFields = InvitationInput;

export const createInvitation = async (app: TestApp, fields: InvitationFields = {}) => {
  const res = await app
    .http()
    .post('/invitations/invitations')
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ name: 'Test link', maxUses: 5, expiresAt: inDays(7), ...fields });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};

let counter = 0;
/** A registration body nobody has used yet. */
export const newAccount = () => {
  counter += 1;
  const id = `${Date.now().toString(36)}${counter}${crypto.randomBytes(3).toString('hex')}`;
  return { username: `user${id}`, email: `user${id}@example.com`, password: 'Password-123' };
};

export const register = (app: TestApp, body: Record<string, unknown>) => app.http().post('/api/auth/local/register').send(body);

/** Sets a column straight in the database, for states the API refuses to create (a past expiry). */
export const setInvitationRow = (app: TestApp, id: number, data: Record<string, unknown>) =>
  app.strapi.db.query('plugin::invitations.invitation').update({ where: { id }, data });

export const countUsers = (app: TestApp) => app.strapi.db.query('plugin::users-permissions.user').count();

/** The seats a link has given, as the database counts them. */
export const seatsUsedOf = async (app: TestApp, invitationId: number): Promise<number> =>
  (await app.strapi.db.query('plugin::invitations.invitation').findOne({ where: { id: invitationId } })).usedCount;

/** The redemption records of a link, with their users. */
export const redemptionsOf = (app: TestApp, invitationId: number) =>
  app.strapi.db
    .query('plugin::invitations.redemption')
    .findMany({ where: { invitation: { id: invitationId } }, populate: ['user'] });

export const expectStrapiError = (res: { status: number; body: JsonBody }, status: number, message?: RegExp) => {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({
    data: null,
    error: expect.objectContaining({ status, name: expect.any(String), message: expect.any(String) }),
  });
  if (message) expect(res.body.error.message).toMatch(message);
};

/**
 * The very body Strapi's error middleware gives an error it recognises as its own (an
 * ApplicationError or an HttpError of the site's `@strapi/utils`): any other error becomes a 500.
 */
export const expectExactStrapiError = (res: { status: number; body: JsonBody }, status: number, name: string) => {
  expect({ status: res.status, body: res.body }).toEqual({
    status,
    body: { data: null, error: { status, name, message: expect.any(String), details: expect.any(Object) } },
  });
};

const RECIPIENT_UID = 'plugin::invitations.recipient';

/** "Send invitation" with a personal link for each address, as the super admin; the answer's data. */
export const sendPersonalLinks = async (app: TestApp, invitationId: number, emails: string[]) => {
  const res = await app
    .http()
    .post(`/invitations/invitations/${invitationId}/send`)
    .set('Authorization', `Bearer ${app.adminToken}`)
    .send({ emails, personal: true });
  if (res.status !== 200) throw new Error(`personal send failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
};

/** The recipient rows of a link, as stored (tokens' hashes and ciphertexts included), oldest first. */
export const recipientRowsOf = (app: TestApp, invitationId: number) =>
  app.strapi.db
    .query(RECIPIENT_UID)
    .findMany({ where: { invitation: { id: invitationId } }, populate: ['user'], orderBy: { id: 'asc' } });

/**
 * The token of the newest personal link of `email` under a link, read back as the site reads it
 * (its encrypted copy): what the person finds at the end of the link in their email.
 */
export const personalTokenOf = async (app: TestApp, invitationId: number, email: string): Promise<string> => {
  const rows = await recipientRowsOf(app, invitationId);
  const row = rows.reverse().find((candidate: { email: string }) => candidate.email.toLowerCase() === email.toLowerCase());
  if (!row) throw new Error(`no personal link for ${email}`);
  const token = app.strapi.plugin('invitations').service('tokens').decrypt(row.tokenCiphertext, row.tokenHash);
  if (!token) throw new Error(`the personal link of ${email} cannot be decrypted`);
  return token;
};

/** A link and one personal link under it, for `email`: the link, the token, and the recipient's id. */
export const createPersonalLink = async (app: TestApp, email: string, fields: InvitationFields = {}) => {
  const invitation = await createInvitation(app, fields);
  await sendPersonalLinks(app, invitation.id, [email]);
  const [row] = await recipientRowsOf(app, invitation.id);
  return { invitation, token: await personalTokenOf(app, invitation.id, email), recipientId: row.id as number };
};
