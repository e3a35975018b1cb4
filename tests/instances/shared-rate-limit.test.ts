import { rateLimitEnv, testEnv, WHOLE_SUITE_WINDOW_SECONDS } from '../helpers/env';
import { createTestDatabase, serverClient } from '../helpers/database';
import { adminClient, startPlayground, type PlaygroundProcess } from '../helpers/server-process';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';

/**
 * The rate limit's database store (the default on PostgreSQL and MySQL/MariaDB) across two
 * `strapi start` processes on one database, behind a proxy that names the client in
 * X-Forwarded-For: one budget per client, whichever instance answers, kept across a restart.
 */
jest.setTimeout(180_000);

const MAX = 10;
const FIRST_CLIENT = '203.0.113.7';
const SECOND_CLIENT = '203.0.113.8';

let env: Record<string, string>;
const instances: PlaygroundProcess[] = [];
let token: string;

beforeAll(async () => {
  if (!serverClient()) throw new Error('This suite needs DATABASE_CLIENT=postgres or mysql');
  await createTestDatabase();
  env = testEnv({
    DATABASE_NAME: process.env.DATABASE_NAME as string,
    DEMO_ADMIN_EMAIL: ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...rateLimitEnv(MAX),
    SERVER_PROXY: 'true',
  });
  // One after the other: the first creates the schema, the second finds it.
  instances.push(await startPlayground(env));
  instances.push(await startPlayground(env));
  const admin = await adminClient(instances[0].url);
  token = (await admin.createLink({ name: 'Shared rate limit', maxUses: 5 })).token;
});

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
});

const statusFrom = async (instance: PlaygroundProcess, client: string) => {
  const res = await fetch(`${instance.url}/api/invitations/${token}`, { headers: { 'X-Forwarded-For': client } });
  await res.arrayBuffer();
  return { status: res.status, retryAfter: Number(res.headers.get('retry-after')) };
};

/** `count` requests from `client`, one after the other, alternating between the instances. */
const alternating = async (client: string, count: number) => {
  const answers = [];
  for (let i = 0; i < count; i += 1) answers.push(await statusFrom(instances[i % instances.length], client));
  return answers;
};

test(`40 requests from one client, alternating between two instances: exactly ${MAX} answered, then 429 from both`, async () => {
  const answers = await alternating(FIRST_CLIENT, 40);
  expect(answers.map(({ status }) => status)).toEqual([...Array(MAX).fill(200), ...Array(40 - MAX).fill(429)]);
  // Both instances refuse with the same Retry-After: the end of the one window they share.
  const refusals = answers.slice(MAX, MAX + 2).map(({ retryAfter }) => retryAfter);
  const windowEnd = WHOLE_SUITE_WINDOW_SECONDS;
  for (const retryAfter of refusals) {
    expect(Math.abs(Date.now() / 1000 + retryAfter - windowEnd)).toBeLessThan(60);
  }
});

test('after an instance restarts, the count holds', async () => {
  await instances[0].stop();
  instances[0] = await startPlayground(env);
  expect(await alternating(FIRST_CLIENT, 4)).toEqual(Array(4).fill({ status: 429, retryAfter: expect.any(Number) }));
});

test('another client is not affected', async () => {
  expect((await alternating(SECOND_CLIENT, MAX)).map(({ status }) => status)).toEqual(Array(MAX).fill(200));
  expect((await statusFrom(instances[0], SECOND_CLIENT)).status).toBe(429);
});

test('guessing codes from one client on two instances, by the status and by sign-ups: one budget', async () => {
  const client = '203.0.113.9';
  const guess = async (i: number) => {
    const instance = instances[i % instances.length];
    const headers = { 'X-Forwarded-For': client, 'Content-Type': 'application/json' };
    const res =
      i % 2 === 0
        ? await fetch(`${instance.url}/api/invitations/code/GUESS-${i}-CODE`, { headers })
        : await fetch(`${instance.url}/api/auth/local/register`, {
            method: 'POST',
            headers,
            body: JSON.stringify({
              username: `guess${i}${Date.now()}`,
              email: `guess${i}${Date.now()}@example.com`,
              password: 'Password-123',
              invitationCode: `GUESS-${i}-CODE`,
            }),
          });
    await res.arrayBuffer();
    return res.status;
  };
  const statuses = [];
  for (let i = 0; i < MAX + 4; i += 1) statuses.push(await guess(i));
  expect(statuses).toEqual([...Array(MAX).fill(404), ...Array(4).fill(429)]);
});
