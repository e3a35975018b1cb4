import { rateLimitEnv } from '../helpers/env';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, expectStrapiError } from '../helpers/fixtures';
import { captureLogs } from '../helpers/logs';
import { RATE_LIMIT_TABLE } from '../../server/src/database/rate-limit-table';
import { UNPARSEABLE_ADDRESS, clientBudgetOf } from '../../server/src/utils/client-address';

const MAX = 3;
const KEY_COLUMN_LENGTH = 100;

/**
 * The rate limit's key as an attacker would try to move it, behind one trusted proxy
 * (`server.proxy` on, `maxIpsCount: 1`), with the database store: each client address below is
 * used by one test only, since the window lasts the whole file.
 */
describe('the rate limit counts the client the trusted proxy saw', () => {
  let app: TestApp;
  let logLines: string[] = [];
  let token: string;
  useTestApp(
    (started) => {
      app = started;
      logLines = captureLogs(app.strapi);
    },
    { ...rateLimitEnv(MAX, 'database'), SERVER_PROXY: 'true', PROXY_HOPS: '1' }
  );

  beforeAll(async () => {
    ({ token } = await createInvitation(app));
  });

  /** The link's status asked once per `X-Forwarded-For` value: the statuses, in order. */
  const statusesFor = async (forwardedFor: string[]) => {
    const statuses = [];
    for (const value of forwardedFor) {
      statuses.push((await app.http().get(`/api/invitations/${token}`).set('X-Forwarded-For', value)).status);
    }
    return statuses;
  };

  const limited = [...Array(MAX).fill(200), 429, 429];
  const attempts = (value: (i: number) => string) => Array.from({ length: MAX + 2 }, (_, i) => value(i));

  test("a client who rotates what it writes left of the proxy's entry stays one client", async () => {
    expect(await statusesFor(attempts((i) => `198.51.100.${i + 1}, 203.0.113.10`))).toEqual(limited);
    expect(await statusesFor(['198.51.100.1, 203.0.113.11'])).toEqual([200]);
  });

  test('an IPv6 client is counted by its /64: rotating the interface part buys nothing', async () => {
    expect(await statusesFor(attempts((i) => `2001:db8:1:2::${(i + 1).toString(16)}`))).toEqual(limited);
    expect(await statusesFor(['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:DB8:1:2:0:0:0:abc'])).toEqual([429, 429]);
    expect(await statusesFor(['2001:db8:1:3::1'])).toEqual([200]);
  });

  test('an IPv4-mapped IPv6 address is the same client as its IPv4 address', async () => {
    const spellings = ['203.0.113.20', '::ffff:203.0.113.20', '::FFFF:cb00:7114', '[::ffff:203.0.113.20]:443'];
    expect(await statusesFor(attempts((i) => spellings[i % spellings.length]))).toEqual(limited);
  });

  test('anything that is not an address shares one budget, and a 200-character value fits the store', async () => {
    const garbage = (i: number) => `not-an-address-${i}-`.padEnd(200, 'x');
    expect(await statusesFor(attempts(garbage))).toEqual(limited);
    expect(await statusesFor(['999.1.1.1', 'unknown', `2001:db8::${'1:'.repeat(20)}1`])).toEqual([429, 429, 429]);
    const keys: string[] = await app.strapi.db.connection(RATE_LIMIT_TABLE).pluck('client_key');
    expect(keys.every((key) => key.length <= KEY_COLUMN_LENGTH && !key.includes('not-an-address'))).toBe(true);
    expect(logLines.filter((line) => line.includes('rate limit'))).toEqual([]);
  });

  test("a store that fails answers 503 in Strapi's format, logs it once, and counts again once it works", async () => {
    const knex = app.strapi.db.connection;
    const moved = `${RATE_LIMIT_TABLE}_moved`;
    await knex.schema.renameTable(RATE_LIMIT_TABLE, moved);
    let answers;
    try {
      answers = [];
      for (let i = 0; i < 4; i += 1) {
        answers.push(await app.http().get(`/api/invitations/${token}`).set('X-Forwarded-For', '203.0.113.30'));
      }
    } finally {
      await knex.schema.renameTable(moved, RATE_LIMIT_TABLE);
    }
    for (const answer of answers) {
      expectStrapiError(answer, 503);
      expect(answer.body.error.name).toBe('ServiceUnavailableError');
      expect(JSON.stringify(answer.body)).not.toContain(token);
    }
    expect(logLines.filter((line) => line.includes("rate limit's database store failed"))).toHaveLength(1);
    expect(await statusesFor(['203.0.113.30'])).toEqual([200]);
  });
});

describe('behind a proxy set up without maxIpsCount', () => {
  let app: TestApp;
  useTestApp(
    (started) => {
      app = started;
    },
    { ...rateLimitEnv(MAX, 'memory'), SERVER_PROXY: 'true', PROXY_HOPS: '0' }
  );

  test('the rightmost X-Forwarded-For entry is counted, not the leftmost one Koa would take', async () => {
    const { token } = await createInvitation(app);
    const statuses = [];
    for (let i = 0; i < MAX + 2; i += 1) {
      const forwardedFor = `198.51.100.${i + 1}, 203.0.113.40`;
      statuses.push((await app.http().get(`/api/invitations/${token}`).set('X-Forwarded-For', forwardedFor)).status);
    }
    expect(statuses).toEqual([...Array(MAX).fill(200), 429, 429]);
  });
});

describe('the budget an address belongs to', () => {
  test.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7:8080', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['[::FFFF:cb00:7107]:443', '203.0.113.7'],
    ['2001:db8:a:b:c:d:e:f', '2001:db8:a:b::/64'],
    ['[2001:db8:a:b::1]:443', '2001:db8:a:b::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['', UNPARSEABLE_ADDRESS],
    ['203.0.113.256', UNPARSEABLE_ADDRESS],
    ['2001:db8::g', UNPARSEABLE_ADDRESS],
    ['203.0.113.7, 198.51.100.1', UNPARSEABLE_ADDRESS],
    [`203.0.113.7${' '.repeat(60)}`, UNPARSEABLE_ADDRESS],
  ])('%j counts as %s', (address, budget) => {
    expect(clientBudgetOf(address)).toBe(budget);
  });
});
