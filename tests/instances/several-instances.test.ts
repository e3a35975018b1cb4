import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testEnv } from '../helpers/env';
import { inDays } from '../helpers/fixtures';
import type { Knex } from 'knex';
import { connectDatabase, createTestDatabase, serverClient } from '../helpers/database';
import { adminClient, startPlayground, type AdminClient, type PlaygroundProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';
import { SEAT_LIMIT_CHECK } from '../../server/src/database/seat-limit-check';

/**
 * Two `strapi start` processes of the playground on one PostgreSQL or MariaDB database, as a site
 * that runs several instances behind a load balancer. scripts/test.js runs this phase inside its
 * private servers.
 */
jest.setTimeout(180_000);

const SEATS = 50;
const REQUESTS = 240;
/** How each engine reports a row the seat limit CHECK refuses. */
const CHECK_VIOLATION: Record<string, Record<string, unknown>> = {
  postgres: { code: '23514', constraint: SEAT_LIMIT_CHECK },
  // MariaDB's ER_CONSTRAINT_FAILED.
  mysql: { errno: 4025, message: expect.stringContaining(SEAT_LIMIT_CHECK) },
};
/** The type the schema gives `used_count`, as knex's columnInfo names it on each engine. */
const INTEGER_TYPE: Record<string, string> = { postgres: 'integer', mysql: 'int' };
const INVITATIONS = 'invitations_invitations';

let env: Record<string, string>;
const outbox = fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-instances-outbox-'));
let instances: PlaygroundProcess[] = [];
/** Every process started, the killed one included, for the log check at the end. */
const everyProcess: PlaygroundProcess[] = [];
const start = async () => {
  const instance = await startPlayground(env);
  everyProcess.push(instance);
  return instance;
};
/** The admin API of each instance, whichever port it has after a restart. */
let admins: AdminClient[];
let db: Knex;
let client: string;

beforeAll(async () => {
  client = serverClient() as string;
  if (!client) throw new Error('This suite needs DATABASE_CLIENT=postgres or mysql');
  await createTestDatabase();
  env = testEnv({
    DATABASE_NAME: process.env.DATABASE_NAME as string,
    DEMO_ADMIN_EMAIL: ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The request log too, to check below that it never shows a token.
    LOG_LEVEL: 'http',
    // Emails as files, to read the personal links sent.
    EMAIL_OUTBOX_DIR: outbox,
  });
  // One after the other: the first creates the schema, the second finds it.
  instances = [await start()];
  instances.push(await start());
  db = connectDatabase(env.DATABASE_NAME);
  admins = await Promise.all(instances.map((_, i) => adminClient(() => instances[i].url)));
});

afterAll(async () => {
  await db?.destroy();
  await Promise.all(instances.map((instance) => instance.stop()));
});

const createLink = (name: string) => admins[1].createLink({ name, maxUses: SEATS, expiresAt: inDays(1) });

type Outcome = number | 'connection lost';

/** One registration; a request whose instance died before answering has no status. */
const registerAt = async (url: string, token: string, email: string): Promise<Outcome> => {
  try {
    const res = await fetch(`${url}/api/auth/local/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: email.split('@')[0], email, password: 'Password-123', invitationToken: token }),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'connection lost';
  }
};

/** `count` registrations at once, every other one sent to the other instance. */
const burst = (token: string, prefix: string, count: number, onAnswer: (outcome: Outcome) => void = () => {}) =>
  Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const outcome = await registerAt(instances[i % instances.length].url, token, `${prefix}-${i}@example.com`);
      onAnswer(outcome);
      return outcome;
    })
  );

const tally = (outcomes: Array<Outcome | string>) =>
  outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});

/** The tally expected, without the outcomes expected zero times. */
const only = (expected: Record<string, number>) => Object.fromEntries(Object.entries(expected).filter(([, count]) => count > 0));

/** usedCount and redemptions as the admin API shows them, and the accounts in the users table. */
const countsOf = async (link: { id: number }, prefix: string) => {
  const { body } = await admins[0].request(`/invitations/invitations/${link.id}`);
  // One page holds them all: a link here has at most 100 seats.
  const { body: redemptions } = await admins[0].request(`/invitations/invitations/${link.id}/redemptions?pageSize=100`);
  const accounts: string[] = await db('up_users').where('email', 'like', `${prefix}-%`).pluck('email');
  return {
    usedCount: body.data.usedCount as number,
    redemptions: (redemptions.results as Array<{ user: { email: string } }>).map((r) => r.user.email).sort(),
    accounts: accounts.sort(),
  };
};

const newPrefix = (label: string) => `${label}${crypto.randomBytes(4).toString('hex')}`;

test(`${REQUESTS} registrations at once on a ${SEATS}-seat link, split across two instances: exactly ${SEATS} accounts`, async () => {
  const link = await createLink('Two instances');
  const prefix = newPrefix('split');
  const outcomes = await burst(link.token, prefix, REQUESTS);

  expect(tally(outcomes)).toEqual(only({ 200: SEATS, 410: REQUESTS - SEATS }));
  const counts = await countsOf(link, prefix);
  expect(counts.usedCount).toBe(SEATS);
  expect(counts.redemptions).toHaveLength(SEATS);
  expect(counts.accounts).toEqual(counts.redemptions);
});

/** A new member, signed up through `token` at `url`: their access token. */
const newMemberAt = async (url: string, token: string, email: string): Promise<string> => {
  const res = await fetch(`${url}/api/auth/local/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: email.split('@')[0], email, password: 'Password-123', invitationToken: token }),
  });
  if (res.status !== 200) throw new Error(`sign-up of ${email}: ${res.status} ${await res.text()}`);
  return (await res.json()).jwt;
};

/** A member accepting the link at `url`: the status. */
const acceptAt = async (url: string, token: string, jwt: string): Promise<Outcome> => {
  const res = await fetch(`${url}/api/invitations/${token}/accept`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${jwt}` },
  });
  await res.arrayBuffer();
  return res.status;
};

test('members accepting and newcomers signing up at once on one link, split across two instances: exactly its seats', async () => {
  const prefix = newPrefix('mixed');
  const membersLink = await admins[1].createLink({ name: 'Members first', maxUses: 30, expiresAt: inDays(1) });
  const jwts = await Promise.all(
    Array.from({ length: 30 }, (_, i) => newMemberAt(instances[i % 2].url, membersLink.token, `${prefix}-m${i}@example.com`))
  );
  const roleName = `Speakers ${prefix}`;
  await admins[0].expectOk('/users-permissions/roles', {
    body: { name: roleName, description: 'Made by a test', permissions: {} },
  });
  const role = (await admins[0].expectOk('/users-permissions/roles')).roles.find(
    (each: { name: string }) => each.name === roleName
  );
  const link = await admins[1].createLink({
    name: 'Mixed',
    maxUses: 20,
    expiresAt: inDays(1),
    role: role.id,
    allowExistingAccounts: true,
  });

  const accepts = jwts.map((jwt, i) => acceptAt(instances[i % 2].url, link.token, jwt));
  const signUps = Array.from({ length: 30 }, (_, i) =>
    registerAt(instances[(i + 1) % 2].url, link.token, `${prefix}-n${i}@example.com`)
  );
  const [acceptOutcomes, signUpOutcomes] = await Promise.all([Promise.all(accepts), Promise.all(signUps)]);

  expect(tally([...acceptOutcomes, ...signUpOutcomes])).toEqual({ 200: 20, 410: 40 });
  const accepted = acceptOutcomes.filter((outcome) => outcome === 200).length;
  const { body } = await admins[0].request(`/invitations/invitations/${link.id}/redemptions?pageSize=100`);
  const kinds = tally((body.results as Array<{ kind: string }>).map((redemption) => redemption.kind));
  expect(kinds).toEqual(only({ accepted, registered: 20 - accepted }));
  expect(((await admins[0].request(`/invitations/invitations/${link.id}`)).body.data as { usedCount: number }).usedCount).toBe(
    20
  );
  const withRole = await admins[0].expectOk(
    `/content-manager/collection-types/plugin::users-permissions.user?filters[role][id][$eq]=${role.id}&pageSize=100`
  );
  // The accepted members, and the newcomers whose accounts the link made.
  expect(withRole.pagination.total).toBe(20);
});

/** The personal link token in the email the outbox holds for `email`. */
const personalTokenSentTo = (email: string) => {
  const message = fs
    .readdirSync(outbox)
    .map((file) => fs.readFileSync(path.join(outbox, file), 'utf8'))
    .find((eml) => eml.includes(`To: ${email}`));
  const token = message && /\/invitations\/join\/([\w-]{43})/.exec(message)?.[1];
  if (!token) throw new Error(`no personal link was mailed to ${email}`);
  return token;
};

test('sign-ups racing on one personal link, split across two instances: exactly one account', async () => {
  const link = await createLink('Personal race');
  const email = `${newPrefix('personal')}@example.com`;
  const sent = await admins[0].request(`/invitations/invitations/${link.id}/send`, {
    method: 'POST',
    body: { emails: [email], personal: true },
  });
  expect(sent.status).toBe(200);
  const token = personalTokenSentTo(email);

  const outcomes = await Promise.all(
    Array.from({ length: 20 }, (_, i) => registerAt(instances[i % instances.length].url, token, email))
  );
  expect(tally(outcomes)).toEqual({ 200: 1, 410: 19 });
  expect(Number((await db('up_users').where('email', email).count({ count: '*' }))[0].count)).toBe(1);
  const { body } = await admins[1].request(`/invitations/invitations/${link.id}/recipients`);
  expect(body.results).toEqual([
    expect.objectContaining({ email, status: 'accepted', user: expect.objectContaining({ email }) }),
  ]);
  expect(((await admins[1].request(`/invitations/invitations/${link.id}`)).body.data as { usedCount: number }).usedCount).toBe(1);
});

test('an instance killed (SIGKILL) in the middle of a burst leaves counts that agree, and the link fills exactly', async () => {
  const link = await createLink('Crash');
  const prefix = newPrefix('crash');
  const [victim] = instances;
  let accepted = 0;
  let killed: Promise<void> | undefined;
  const outcomes = await burst(link.token, prefix, REQUESTS, (outcome) => {
    accepted += outcome === 200 ? 1 : 0;
    // Kill it while registrations are still running on it.
    if (accepted === 10 && !killed) killed = victim.crash();
  });
  await killed;

  const statuses = tally(outcomes);
  expect(statuses['connection lost']).toBeGreaterThan(0);
  expect(statuses[200]).toBeGreaterThanOrEqual(10);
  expect(outcomes.filter((o) => typeof o === 'number' && o !== 200 && o !== 410)).toEqual([]);

  instances[0] = await start();
  const afterCrash = await countsOf(link, prefix);
  expect(afterCrash.usedCount).toBe(afterCrash.redemptions.length);
  expect(afterCrash.accounts).toEqual(afterCrash.redemptions);
  // Every 200 received is an account; a registration cut off by the kill may have committed too.
  expect(afterCrash.usedCount).toBeGreaterThanOrEqual(statuses[200]);
  expect(afterCrash.usedCount).toBeLessThanOrEqual(SEATS);

  // Seats of registrations rolled back by the kill, if the other instance did not take them, are
  // free again: the link fills exactly.
  const topUp = await burst(link.token, `${prefix}-topup`, SEATS + 10);
  expect(tally(topUp)).toEqual(only({ 200: SEATS - afterCrash.usedCount, 410: afterCrash.usedCount + 10 }));
  const final = await countsOf(link, prefix);
  expect(final.usedCount).toBe(SEATS);
  expect(final.redemptions).toHaveLength(SEATS);
  expect(final.accounts).toEqual(final.redemptions);
});

describe('the seat limit CHECK in the database', () => {
  const invitationWith = async (name: string) => (await createLink(name)).id;

  const expectRefused = async (id: number, change: Record<string, unknown>) => {
    await expect(db(INVITATIONS).where({ id }).update(change)).rejects.toMatchObject(CHECK_VIOLATION[client]);
  };

  const expectCheckHolds = async () => {
    const id = await invitationWith('Check');
    await expectRefused(id, { used_count: db.raw('?? + 1', ['max_uses']) });
    await expectRefused(id, { used_count: -1 });
    await expectRefused(id, { max_uses: -1 });
    const row = await db(INVITATIONS).where({ id }).first('used_count', 'max_uses');
    expect(row).toEqual({ used_count: 0, max_uses: SEATS });
  };

  const restartSecond = async () => {
    await instances[1].stop();
    instances[1] = await start();
  };

  test('refuses a direct UPDATE that takes more seats than the limit, or fewer than none', async () => {
    await expectCheckHolds();
  });

  test("survives a restart in which Strapi's schema sync alters the table", async () => {
    await instances[1].stop();
    // A column type Strapi will put back, and no stored schema: the next start must re-sync.
    await db.schema.alterTable(INVITATIONS, (table) => {
      table.bigInteger('used_count').alter();
    });
    await db('strapi_database_schema').del();
    instances[1] = await start();

    expect((await db(INVITATIONS).columnInfo('used_count')).type).toBe(INTEGER_TYPE[client]);
    await expectCheckHolds();
  });

  test('is added again at the next start if it was dropped', async () => {
    await db.raw('ALTER TABLE ?? DROP CONSTRAINT ??', [INVITATIONS, SEAT_LIMIT_CHECK]);
    await restartSecond();
    await expectCheckHolds();
  });
});

test('no instance ever wrote a token in its log', async () => {
  // Requests that carry a token in their URL, on every instance, so that a request log that
  // printed URLs as they came would show one.
  const { token } = await createLink('Log check');
  for (const instance of instances) {
    const logged = instance.logs().length;
    expect((await fetch(`${instance.url}/api/invitations/${token}`)).status).toBe(200);
    expect((await fetch(`${instance.url}/invitations/join/${token}`)).status).toBe(200);
    // The child writes its log line after answering: wait until both requests are in it.
    const deadline = Date.now() + 10_000;
    const bothLogged = () => {
      const since = instance.logs().slice(logged);
      return since.includes('GET /api/invitations/') && since.includes('GET /invitations/join/');
    };
    while (!bothLogged() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bothLogged()).toBe(true);
  }

  const hashesStored: string[] = await db(INVITATIONS).pluck('token_hash');
  expect(hashesStored.length).toBeGreaterThan(0);
  const logs = everyProcess.map((instance) => instance.logs()).join('\n');
  expect(logs).toContain('POST /api/auth/local/register');
  const tokensSeen = logs.match(/[A-Za-z0-9_-]{43}/g) ?? [];
  const hashes = new Set(hashesStored);
  expect(tokensSeen.filter((candidate) => hashes.has(crypto.createHash('sha256').update(candidate).digest('hex')))).toEqual([]);
});
