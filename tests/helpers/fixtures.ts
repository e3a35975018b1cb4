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

/** The account with this email, its role populated; null when there is none. */
export const findUser = (app: TestApp, email: string) =>
  app.strapi.db.query('plugin::users-permissions.user').findOne({ where: { email }, populate: ['role'] });

/** A users-permissions role of the test's own, named by its `type`; its row (with `id`). */
export const createRole = (app: TestApp, type: string, name = type) =>
  app.strapi.db.query('plugin::users-permissions.role').create({ data: { name, description: 'Made by a test', type } });

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

interface JoinTableMeta {
  joinTable: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string } };
}

const joinTableOf = (app: TestApp, uid: string, attribute: string) => {
  const { joinTable } = app.strapi.db.metadata.get(uid as never).attributes[attribute] as unknown as JoinTableMeta;
  return { name: joinTable.name, owner: joinTable.joinColumn.name, target: joinTable.inverseJoinColumn.name };
};

/** Inserts rows of `table` and answers their ids in order (MySQL has no RETURNING: read back by document id). */
const insertRows = async (app: TestApp, table: string, rows: Array<Record<string, unknown>>): Promise<number[]> => {
  const knex = app.strapi.db.connection;
  await knex(table).insert(rows);
  const found = await knex(table)
    .whereIn(
      'document_id',
      rows.map((row) => row.document_id as string)
    )
    .select('id', 'document_id');
  const idOf = new Map(found.map((row: { id: number; document_id: string }) => [row.document_id, row.id]));
  return rows.map((row) => idOf.get(row.document_id as string) as number);
};

export interface SeededRedemption {
  /** The account's username and email; none: a redemption whose account was deleted. */
  user?: { username: string; email: string };
  redeemedAt?: Date;
  /** Left out: no kind, as rows recorded before accepts existed. */
  kind?: 'registered' | 'accepted';
}

let seedCounter = 0;

/**
 * Redemption records (and their accounts) written straight to the tables, 500 a statement, as
 * fast as a link with thousands of accounts needs; in the order given, so ids grow along it.
 */
export const seedRedemptions = async (app: TestApp, invitationId: number, redemptions: SeededRedemption[]) => {
  const knex = app.strapi.db.connection;
  const redemptionTable = app.strapi.db.metadata.get('plugin::invitations.redemption').tableName;
  const userTable = app.strapi.db.metadata.get('plugin::users-permissions.user').tableName;
  const invitationLink = joinTableOf(app, 'plugin::invitations.redemption', 'invitation');
  const userLink = joinTableOf(app, 'plugin::invitations.redemption', 'user');
  for (let done = 0; done < redemptions.length; done += 500) {
    const batch = redemptions.slice(done, done + 500);
    const now = new Date();
    seedCounter += 1;
    const stamp = { created_at: now, updated_at: now, published_at: now };
    const ids = await insertRows(
      app,
      redemptionTable,
      batch.map((redemption, i) => ({
        document_id: `seed${seedCounter}r${i}`,
        redeemed_at: redemption.redeemedAt ?? now,
        kind: redemption.kind ?? null,
        ...stamp,
      }))
    );
    await knex(invitationLink.name).insert(
      ids.map((id) => ({ [invitationLink.owner]: id, [invitationLink.target]: invitationId }))
    );
    const withUsers = batch.flatMap((redemption, i) => (redemption.user ? [{ id: ids[i], user: redemption.user }] : []));
    if (withUsers.length === 0) continue;
    const userIds = await insertRows(
      app,
      userTable,
      withUsers.map(({ user }, i) => ({
        document_id: `seed${seedCounter}u${i}`,
        ...user,
        provider: 'local',
        confirmed: true,
        blocked: false,
        ...stamp,
      }))
    );
    await knex(userLink.name).insert(withUsers.map(({ id }, i) => ({ [userLink.owner]: id, [userLink.target]: userIds[i] })));
  }
};

const RECIPIENT_UID = 'plugin::invitations.recipient';

/** An address to send a personal link to, alone or with the language of its email. */
export type PersonalLinkRecipient = string | { email: string; language?: string };

/** "Send invitation" with a personal link for each address, as the super admin; the answer's data. */
export const sendPersonalLinks = async (app: TestApp, invitationId: number, emails: PersonalLinkRecipient[]) => {
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

/** An existing account (a member of the site) with `role`, or the default role; its row and its password. */
export const createMember = async (app: TestApp, { role, blocked = false }: { role?: number; blocked?: boolean } = {}) => {
  const account = newAccount();
  const users = app.strapi.plugin('users-permissions').service('user');
  const defaultRole = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = await users.add({ ...account, provider: 'local', confirmed: true, blocked, role: role ?? defaultRole.id });
  return { ...account, id: user.id as number };
};

/** The member's own users-permissions access token, as a sign-in gives it. */
export const memberToken = async (app: TestApp, member: { id: number }): Promise<string> =>
  app.strapi.plugin('users-permissions').service('jwt').issue({ id: member.id });

/** `POST /api/invitations/:token/accept`, as `bearer` (a member's access token) when given. */
export const acceptInvitation = (app: TestApp, token: string, bearer?: string) => {
  const request = app.http().post(`/api/invitations/${token}/accept`);
  return bearer ? request.set('Authorization', `Bearer ${bearer}`) : request;
};
