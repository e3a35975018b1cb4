import crypto from 'node:crypto';
import { testEnv } from '../helpers/env';
import { inDays } from '../helpers/fixtures';
import { connectPostgres, createTestDatabase, type PostgresClient } from '../helpers/database';
import { adminClient, startPlayground, type AdminClient, type PlaygroundProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';
import { SEAT_LIMIT_CHECK } from '../../server/src/database/seat-limit-check';

/**
 * Two `strapi start` processes of the playground on one PostgreSQL database, as a site that runs
 * several instances behind a load balancer. PostgreSQL only: scripts/test.js runs this phase
 * inside its private cluster.
 */
jest.setTimeout(180_000);

const SEATS = 50;
const REQUESTS = 240;
const CHECK_VIOLATION = '23514';

let env: Record<string, string>;
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
let db: PostgresClient;

beforeAll(async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres') throw new Error('This suite needs DATABASE_CLIENT=postgres');
  await createTestDatabase();
  env = testEnv({
    DATABASE_NAME: process.env.DATABASE_NAME as string,
    DEMO_ADMIN_EMAIL: ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The request log too, to check below that it never shows a token.
    LOG_LEVEL: 'http',
  });
  // One after the other: the first creates the schema, the second finds it.
  instances = [await start()];
  instances.push(await start());
  db = await connectPostgres(env.DATABASE_NAME);
  admins = await Promise.all(instances.map((_, i) => adminClient(() => instances[i].url)));
});

afterAll(async () => {
  await db?.end();
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

const tally = (outcomes: Outcome[]) =>
  outcomes.reduce<Record<string, number>>((counts, outcome) => ({ ...counts, [outcome]: (counts[outcome] ?? 0) + 1 }), {});

/** The tally expected, without the outcomes expected zero times. */
const only = (expected: Record<string, number>) =>
  Object.fromEntries(Object.entries(expected).filter(([, count]) => count > 0));

/** usedCount and redemptions as the admin API shows them, and the accounts in the users table. */
const countsOf = async (link: { id: number }, prefix: string) => {
  const { body } = await admins[0].request(`/invitations/invitations/${link.id}`);
  const accounts = await db.query('SELECT email FROM up_users WHERE email LIKE $1', [`${prefix}-%`]);
  return {
    usedCount: body.data.usedCount as number,
    redemptions: (body.data.redemptions as Array<{ user: { email: string } }>).map((r) => r.user.email).sort(),
    accounts: accounts.rows.map((row) => row.email as string).sort(),
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

  const expectRefused = async (sql: string, params: unknown[]) => {
    await expect(db.query(sql, params)).rejects.toMatchObject({ code: CHECK_VIOLATION, constraint: SEAT_LIMIT_CHECK });
  };

  const expectCheckHolds = async () => {
    const id = await invitationWith('Check');
    await expectRefused('UPDATE invitations_invitations SET used_count = max_uses + 1 WHERE id = $1', [id]);
    await expectRefused('UPDATE invitations_invitations SET used_count = -1 WHERE id = $1', [id]);
    await expectRefused('UPDATE invitations_invitations SET max_uses = -1 WHERE id = $1', [id]);
    const row = await db.query('SELECT used_count, max_uses FROM invitations_invitations WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ used_count: 0, max_uses: SEATS });
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
    await db.query('ALTER TABLE invitations_invitations ALTER COLUMN used_count TYPE bigint');
    await db.query('DELETE FROM strapi_database_schema');
    instances[1] = await start();

    const column = await db.query(
      "SELECT data_type FROM information_schema.columns WHERE table_name = 'invitations_invitations' AND column_name = 'used_count'"
    );
    expect(column.rows[0].data_type).toBe('integer');
    await expectCheckHolds();
  });

  test('is added again at the next start if it was dropped', async () => {
    await db.query(`ALTER TABLE invitations_invitations DROP CONSTRAINT ${SEAT_LIMIT_CHECK}`);
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

  const { rows } = await db.query('SELECT token_hash FROM invitations_invitations');
  expect(rows.length).toBeGreaterThan(0);
  const logs = everyProcess.map((instance) => instance.logs()).join('\n');
  expect(logs).toContain('POST /api/auth/local/register');
  const tokensSeen = logs.match(/[A-Za-z0-9_-]{43}/g) ?? [];
  const hashes = new Set(rows.map((row) => row.token_hash));
  expect(tokensSeen.filter((candidate) => hashes.has(crypto.createHash('sha256').update(candidate).digest('hex')))).toEqual([]);
});
