// @database: the rate-limit store: its upsert and its raw SQL
import net from 'node:net';
import knex from 'knex';
import { rateLimitEnv } from '../helpers/env';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation } from '../helpers/fixtures';
import { captureLogs } from '../helpers/logs';
import { CLEANUP_BATCH_SIZE, RATE_LIMIT_TABLE, rateLimitTable } from '../../server/src/database/rate-limit-table';
import { SharedWindowCounter } from '../../server/src/utils/shared-window-counter';

const MAX = 10;

describe('the database store, on this engine', () => {
  let app: TestApp;
  let logLines: string[] = [];
  useTestApp(
    (started) => {
      app = started;
      logLines = captureLogs(app.strapi);
    },
    rateLimitEnv(MAX, 'database')
  );

  const rows = () => app.strapi.db.connection(RATE_LIMIT_TABLE);

  test(`counts atomically: 50 requests at once from one client, exactly ${MAX} answered`, async () => {
    const { token } = await createInvitation(app);
    const statuses = await Promise.all(Array.from({ length: 50 }, () => app.http().get(`/api/invitations/${token}`)));
    // The table was empty: one row now, this client's in the one window.
    const counted = await rows().select('client_key', 'hits');
    const tally = statuses.reduce<Record<number, number>>((t, { status }) => ({ ...t, [status]: (t[status] ?? 0) + 1 }), {});
    expect(tally).toEqual({ 200: MAX, 429: 50 - MAX });
    expect(counted).toEqual([{ client_key: expect.stringMatching(/^token-routes:[\w-]{43}$/), hits: 50 }]);
  });

  test('windows that ended are removed in the background, a batch at a time, and the current one stays', async () => {
    const old = Array.from({ length: 2 * CLEANUP_BATCH_SIZE + 5 }, (_, i) => ({
      client_key: `token-routes:old-${i}`,
      window_start: 1000 + i,
      hits: 3,
    }));
    const current = { client_key: 'token-routes:now', window_start: Date.now() - 1000, hits: 1 };
    for (let i = 0; i < old.length; i += 200) await rows().insert(old.slice(i, i + 200));
    await rows().insert(current);
    const oldLeft = async () => Number((await rows().where('client_key', 'like', 'token-routes:old-%').count({ n: '*' }))[0].n);
    // This app's window is longer than the clock has run: for its cleanup, nothing has ended yet.
    await app.strapi.plugin('invitations').service('rate-limit').removeOldWindows();
    expect(await oldLeft()).toBe(old.length);
    const table = rateLimitTable(app.strapi);
    const before = Date.now() - 60_000;
    // The other tests' rows are in the window that started in 1970: due too.
    const due = Number((await rows().where('window_start', '<', before).count({ n: '*' }))[0].n);
    const removed = [];
    for (let i = 0; i < 3; i += 1) removed.push(await table.removeOldWindows(app.strapi.db.connection, before));
    expect(removed).toEqual([CLEANUP_BATCH_SIZE, CLEANUP_BATCH_SIZE, due - 2 * CLEANUP_BATCH_SIZE]);
    expect(await oldLeft()).toBe(0);
    expect(await rows().where('client_key', current.client_key).pluck('hits')).toEqual([1]);
  });

  test('a hit counts per key and window, from 1; an IPv6 key fits', async () => {
    const table = rateLimitTable(app.strapi);
    const key = `token-routes:${'ffff:'.repeat(7)}ffff`;
    expect(await table.countHit(app.strapi.db.connection, key, 0)).toBe(1);
    expect(await table.countHit(app.strapi.db.connection, key, 0)).toBe(2);
    expect(await table.countHit(app.strapi.db.connection, key, 5000)).toBe(1);
    expect(logLines.filter((line) => line.includes('rate limit'))).toEqual([]);
  });
});

describe('a store that does not answer, or fails', () => {
  const limit = { max: 2, windowMs: 60_000 };

  test('lets the request through once the timeout is over, and says so once per window', async () => {
    let now = 120_000;
    const reports: string[] = [];
    const counter = new SharedWindowCounter({
      countHit: () => new Promise<number>(() => {}),
      timeoutMs: 50,
      onUnavailable: (error) => reports.push(error.message),
      now: () => now,
    });
    for (let i = 0; i < 3; i += 1) {
      expect(await counter.hit('a', limit)).toEqual({
        allowed: true,
        counted: false,
        failure: 'timeout',
        retryAfterMs: 60_000 - i * 1000,
      });
      now += 1000;
    }
    expect(reports).toEqual(['no answer within 50 ms']);
    now += 60_000;
    await counter.hit('a', limit);
    expect(reports).toHaveLength(2);
  });

  test('a database that accepts the connection and never answers: the same, with the real driver', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const unreachable = knex({
      client: 'pg',
      connection: { host: '127.0.0.1', port: (silent.address() as net.AddressInfo).port, user: 'nobody', database: 'none' },
      pool: { min: 0, max: 1 },
    });
    const reports: Error[] = [];
    const counter = new SharedWindowCounter({
      countHit: (key, windowStart) =>
        unreachable
          .raw('INSERT INTO t (client_key, window_start, hits) VALUES (?, ?, 1) RETURNING hits', [key, windowStart])
          .then(() => 1),
      timeoutMs: 200,
      onUnavailable: (error) => reports.push(error),
    });
    try {
      const results = await Promise.all([counter.hit('b', limit), counter.hit('b', limit)]);
      expect(results.map(({ allowed, counted }) => ({ allowed, counted }))).toEqual([
        { allowed: true, counted: false },
        { allowed: true, counted: false },
      ]);
      expect(reports).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await unreachable.destroy();
    }
  });

  test('a store that fails at once refuses the request, is reported once per window, and counts again when it answers', async () => {
    let failing = true;
    const reports: string[] = [];
    const counter = new SharedWindowCounter({
      countHit: async () => {
        if (failing) throw new Error('connect ECONNREFUSED');
        return 3;
      },
      timeoutMs: 1000,
      onUnavailable: (error, failure) => reports.push(`${failure}: ${error.message}`),
    });
    expect(await counter.hit('c', limit)).toMatchObject({ allowed: false, counted: false, failure: 'error' });
    expect(await counter.hit('c', limit)).toMatchObject({ allowed: false, counted: false, failure: 'error' });
    failing = false;
    expect(await counter.hit('c', limit)).toEqual({ allowed: false, counted: true, retryAfterMs: expect.any(Number) });
    expect(reports).toEqual(['error: connect ECONNREFUSED']);
  });
});
