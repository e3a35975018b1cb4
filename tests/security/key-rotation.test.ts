import crypto from 'node:crypto';
import { startTestApp, type TestApp } from '../helpers/strapi';
import { databaseOfThisRun } from '../helpers/database';
import {
  createInvitation,
  createPersonalLink,
  expectStrapiError,
  newAccount,
  personalTokenOf,
  register,
  type JsonBody,
} from '../helpers/fixtures';

/**
 * The plugin's `encryptionKey` as a list, newest first (INVITATIONS_ENCRYPTION_KEYS in the
 * playground): links made under key A, then the app booted again on the same database with
 * [B, A], then with [B] alone. Every boot has fresh APP_KEYS and ENCRYPTION_KEY, so only the
 * listed keys can open a copy.
 */
const KEY_A = crypto.randomBytes(24).toString('base64url');
const KEY_B = crypto.randomBytes(24).toString('base64url');

let database: Record<string, string> = {};

const withApp = async (keys: string[], use: (app: TestApp) => Promise<void>) => {
  const app = await startTestApp({ INVITATIONS_ENCRYPTION_KEYS: keys.join(','), ...database });
  try {
    await use(app);
  } finally {
    await app.stop();
  }
};

type PersonalLink = Awaited<ReturnType<typeof createPersonalLink>>;

/** What the first boot made under key A. */
let made: {
  shown: JsonBody;
  listed: JsonBody;
  previewed: JsonBody;
  personal: PersonalLink;
  forgotten: JsonBody;
  forgottenPersonal: PersonalLink;
};
/** The encrypted copies as key A wrote them, by row. */
let copiesUnderA: { invitations: Map<number, string>; recipients: Map<number, string> };

const admin = (app: TestApp) => ({ Authorization: `Bearer ${app.adminToken}` });
const detailOf = (app: TestApp, id: number) => app.http().get(`/invitations/invitations/${id}`).set(admin(app));
const listNamed = (app: TestApp, name: string) => app.http().get('/invitations/invitations').query({ q: name }).set(admin(app));
const preview = (app: TestApp, id: number) =>
  app.http().post(`/invitations/invitations/${id}/email-preview`).set(admin(app)).send({});
const send = (app: TestApp, id: number, emails: string[]) =>
  app.http().post(`/invitations/invitations/${id}/send`).set(admin(app)).send({ emails });
const resend = (app: TestApp, link: PersonalLink) =>
  app
    .http()
    .post(`/invitations/invitations/${link.invitation.id}/recipients/${link.recipientId}/resend`)
    .set(admin(app))
    .send({});

const copyOf = async (app: TestApp, uid: string, id: number): Promise<string> =>
  (await app.strapi.db.query(uid as never).findOne({ select: ['tokenCiphertext'], where: { id } })).tokenCiphertext;
const invitationCopy = (app: TestApp, id: number) => copyOf(app, 'plugin::invitations.invitation', id);
const recipientCopy = (app: TestApp, id: number) => copyOf(app, 'plugin::invitations.recipient', id);

beforeAll(async () => {
  await withApp([KEY_A], async (app) => {
    made = {
      shown: await createInvitation(app, { name: 'Shown under A' }),
      listed: await createInvitation(app, { name: 'Listed under A' }),
      previewed: await createInvitation(app, { name: 'Previewed under A' }),
      personal: await createPersonalLink(app, 'rotated@example.com', { name: 'Personal under A' }),
      forgotten: await createInvitation(app, { name: 'Forgotten under A' }),
      forgottenPersonal: await createPersonalLink(app, 'forgotten@example.com', { name: 'Forgotten personal under A' }),
    };
    const invitations = [made.shown, made.listed, made.previewed, made.forgotten];
    const recipients = [made.personal, made.forgottenPersonal];
    copiesUnderA = {
      invitations: new Map(await Promise.all(invitations.map(async ({ id }) => [id, await invitationCopy(app, id)] as const))),
      recipients: new Map(
        await Promise.all(
          recipients.map(async ({ recipientId }) => [recipientId, await recipientCopy(app, recipientId)] as const)
        )
      ),
    };
    database = databaseOfThisRun();
  });
});

test('booted with [B, A], links made under A still show and send, and their rows then hold copies made with B', async () => {
  await withApp([KEY_B, KEY_A], async (app) => {
    const detail = await detailOf(app, made.shown.id).expect(200);
    expect(detail.body.data.token).toBe(made.shown.token);
    expect(detail.body.data.url).toContain(made.shown.token);
    const list = await listNamed(app, 'Listed under A').expect(200);
    expect(list.body.results.map((row: JsonBody) => row.token)).toEqual([made.listed.token]);
    await preview(app, made.previewed.id).expect(200);
    await resend(app, made.personal).expect(200);

    for (const { id } of [made.shown, made.listed, made.previewed]) {
      expect(await invitationCopy(app, id)).not.toBe(copiesUnderA.invitations.get(id));
    }
    expect(await recipientCopy(app, made.personal.recipientId)).not.toBe(copiesUnderA.recipients.get(made.personal.recipientId));
    // Not read since key B came: still the copies A made.
    expect(await invitationCopy(app, made.forgotten.id)).toBe(copiesUnderA.invitations.get(made.forgotten.id));
    expect(await recipientCopy(app, made.forgottenPersonal.recipientId)).toBe(
      copiesUnderA.recipients.get(made.forgottenPersonal.recipientId)
    );
  });
});

test('booted with [B] alone, the renewed copies show; a copy only A made is unavailable, never a 500', async () => {
  await withApp([KEY_B], async (app) => {
    expect((await detailOf(app, made.shown.id).expect(200)).body.data.token).toBe(made.shown.token);
    expect((await listNamed(app, 'Listed under A').expect(200)).body.results[0].token).toBe(made.listed.token);
    await preview(app, made.previewed.id).expect(200);
    expect(await personalTokenOf(app, made.personal.invitation.id, 'rotated@example.com')).toBe(made.personal.token);

    const forgotten = await detailOf(app, made.forgotten.id).expect(200);
    expect(forgotten.body.data).toMatchObject({ token: null, url: null });
    expect((await listNamed(app, 'Forgotten under A').expect(200)).body.results[0]).toMatchObject({ token: null, url: null });
    expectStrapiError(await preview(app, made.forgotten.id), 409);
    expectStrapiError(await send(app, made.forgotten.id, ['someone@example.com']), 409);
    expectStrapiError(await resend(app, made.forgottenPersonal), 409);
    expect((await resend(app, made.forgottenPersonal)).body.error.details).toEqual({ reason: 'link-unavailable' });

    // The links themselves keep working: people hold the tokens, the site only their hashes.
    await app.http().get(`/api/invitations/${made.forgotten.token}`).expect(200);
    expect((await register(app, { ...newAccount(), invitationToken: made.forgotten.token })).status).toBe(200);
  });
});
