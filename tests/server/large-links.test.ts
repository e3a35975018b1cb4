// @database: thousands of rows seeded and paged, the queries of a delete counted
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { captureLogs } from '../helpers/logs';
import {
  createInvitation,
  expectStrapiError,
  seedRedemptions,
  sendPersonalLinks,
  type JsonBody,
  type SeededRedemption,
} from '../helpers/fixtures';

let app: TestApp;
useTestApp(
  (started) => {
    app = started;
  },
  { EMAIL_OUTBOX_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'invitations-outbox-')) }
);

const admin = () => ({ Authorization: `Bearer ${app.adminToken}` });
const get = (url: string) => app.http().get(url).set(admin());
const HOUR_MS = 60 * 60 * 1000;

/** `count` accounts named user-000, user-001… redeemed an hour apart, oldest first. */
const people = (count: number, prefix = 'user'): SeededRedemption[] =>
  Array.from({ length: count }, (_, i) => {
    const name = `${prefix}-${String(i).padStart(3, '0')}`;
    return { user: { username: name, email: `${name}@example.com` }, redeemedAt: new Date(Date.now() - (count - i) * HOUR_MS) };
  });

const linkWith = async (redemptions: SeededRedemption[]) => {
  const invitation = await createInvitation(app, { maxUses: 100_000 });
  await seedRedemptions(app, invitation.id, redemptions);
  return invitation as { id: number };
};

/** The text of a CSV download; it must be one, with the attachment headers. */
const download = async (url: string) => {
  const res = await get(url)
    .buffer(true)
    .parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="invitation-\d+-[a-z]+\.csv"$/);
  return res.body as string;
};

const usernames = (results: JsonBody[]) => results.map((redemption) => redemption.user?.username ?? null);

describe('GET /invitations/invitations/:id/redemptions', () => {
  let link: { id: number };
  beforeAll(async () => {
    link = await linkWith(people(25));
  });

  test('pages the accounts newest first', async () => {
    const first = await get(`/invitations/invitations/${link.id}/redemptions?pageSize=10`);
    expect(first.status).toBe(200);
    expect(first.body.pagination).toEqual({ page: 1, pageSize: 10, pageCount: 3, total: 25 });
    expect(usernames(first.body.results)).toEqual(Array.from({ length: 10 }, (_, i) => `user-0${24 - i}`));
    expect(first.body.results[0]).toEqual({
      user: { id: expect.any(Number), username: 'user-024', email: 'user-024@example.com' },
      redeemedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      kind: 'registered',
      previousRole: null,
    });
    const last = await get(`/invitations/invitations/${link.id}/redemptions?page=3&pageSize=10`);
    expect(usernames(last.body.results)).toEqual(['user-004', 'user-003', 'user-002', 'user-001', 'user-000']);
  });

  test('searches usernames and emails, case-insensitively, wildcards taken literally', async () => {
    const byName = await get(`/invitations/invitations/${link.id}/redemptions?q=USER-01`);
    expect(byName.body.pagination.total).toBe(10);
    expect(usernames(byName.body.results)).toEqual(Array.from({ length: 10 }, (_, i) => `user-01${9 - i}`));
    const byEmail = await get(`/invitations/invitations/${link.id}/redemptions?q=${encodeURIComponent('r-007@EXAMPLE')}`);
    expect(usernames(byEmail.body.results)).toEqual(['user-007']);
    const wildcard = await get(`/invitations/invitations/${link.id}/redemptions?q=${encodeURIComponent('user_0%')}`);
    expect(wildcard.body.pagination.total).toBe(0);
  });

  test('shows a redemption whose account was deleted, with a null user', async () => {
    const gone = await linkWith([{ redeemedAt: new Date() }]);
    const res = await get(`/invitations/invitations/${gone.id}/redemptions`);
    expect(res.body.results).toEqual([{ user: null, redeemedAt: expect.any(String), kind: 'registered', previousRole: null }]);
  });

  test('404 for an unknown link, 400 for a bad query', async () => {
    expectStrapiError(await get('/invitations/invitations/987654/redemptions'), 404, /not found/);
    expectStrapiError(await get(`/invitations/invitations/${link.id}/redemptions?pageSize=101`), 400, /pageSize/);
    expectStrapiError(
      await get(`/invitations/invitations/${link.id}/redemptions?sort=id:asc`),
      400,
      /Unknown query parameter: sort/
    );
  });

  test("the link's detail carries the count and the first page only", async () => {
    const detail = await get(`/invitations/invitations/${link.id}`);
    expect(detail.body.data.redemptionCount).toBe(25);
    const firstPage = await get(`/invitations/invitations/${link.id}/redemptions?page=1&pageSize=10`);
    expect(detail.body.data.redemptions).toEqual(firstPage.body.results);
  });
});

describe('GET /invitations/invitations/:id/redemptions/export', () => {
  test('quotes as RFC 4180 says and neutralises formulas', async () => {
    const tricky = [
      '=HYPERLINK("http://x")',
      '+1',
      '-2',
      '@SUM(A1)',
      '\tTab',
      '\rReturn',
      'a,b',
      'quote"d',
      'two\nlines',
      'plain',
    ];
    const link = await linkWith(tricky.map((username, i) => ({ user: { username, email: `tricky${i}@example.com` } })));
    const text = await download(`/invitations/invitations/${link.id}/redemptions/export`);
    expect(text.startsWith('username,email,redeemedAt,kind,previousRole\r\n')).toBe(true);
    expect(text).toContain('"\'=HYPERLINK(""http://x"")",tricky0@example.com,');
    expect(text).toContain('"a,b",tricky6@example.com,');
    const rows = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data.slice(1);
    expect(rows.map((row) => row[0])).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+1",
      "'-2",
      "'@SUM(A1)",
      "'\tTab",
      "'\rReturn",
      'a,b',
      'quote"d',
      'two\nlines',
      'plain',
    ]);
    for (const row of rows) expect(Number.isNaN(Date.parse(row[2]))).toBe(false);
  });

  test('an empty link gives the header alone', async () => {
    const link = await linkWith([]);
    expect(await download(`/invitations/invitations/${link.id}/redemptions/export`)).toBe(
      'username,email,redeemedAt,kind,previousRole\r\n'
    );
  });

  test('a link with thousands of accounts is read back whole, oldest first', async () => {
    const link = await linkWith(people(3_000, 'bulk'));
    const rows = Papa.parse<string[]>((await download(`/invitations/invitations/${link.id}/redemptions/export`)).trimEnd(), {
      newline: '\r\n',
    }).data;
    expect(rows).toHaveLength(3_001);
    expect(rows.slice(1).map((row) => row[0])).toEqual(people(3_000, 'bulk').map((p) => p.user?.username));
    expect(rows[3_000][1]).toBe('bulk-2999@example.com');
  });

  test('404 for an unknown link, 400 for a query', async () => {
    expectStrapiError(await get('/invitations/invitations/987654/redemptions/export'), 404, /not found/);
    const link = await linkWith([]);
    expectStrapiError(await get(`/invitations/invitations/${link.id}/redemptions/export?page=2`), 400, /Unknown query/);
  });

  test('a client that goes away stops the reading, without an error', async () => {
    const link = await linkWith(people(40_000, `gone-${'x'.repeat(40)}`));
    const logs = captureLogs(app.strapi);
    let batches = 0;
    const countBatches = (query: { sql: string }) => {
      if (/order by .*asc limit/i.test(query.sql) && query.sql.includes('invitations_redemptions_invitation_lnk')) batches += 1;
    };
    app.strapi.db.connection.on('query', countBatches);
    const address = app.strapi.server.httpServer.address() as { port: number } | null;
    const server = address ? app.strapi.server.httpServer : app.strapi.server.httpServer.listen(0, '127.0.0.1');
    await new Promise((resolve) => (server.listening ? resolve(null) : server.once('listening', resolve)));
    const { port } = server.address() as { port: number };
    const request = http.get(`http://127.0.0.1:${port}/invitations/invitations/${link.id}/redemptions/export`, {
      headers: admin(),
    });
    const response = await new Promise<http.IncomingMessage>((resolve) => request.once('response', resolve));
    expect(response.statusCode).toBe(200);
    response.pause();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const whilePaused = batches;
    // Backpressure: with the client reading nothing, the server stopped well before the 40 batches.
    expect(whilePaused).toBeLessThan(40);
    request.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    app.strapi.db.connection.off('query', countBatches);
    expect(batches).toBeLessThanOrEqual(whilePaused + 1);
    // The plugin logs a failed export; Koa itself reports the reset socket, as for any aborted answer.
    expect(logs.filter((line) => line.includes('[invitations]'))).toEqual([]);
    expect((await get(`/invitations/invitations/${link.id}/redemptions?pageSize=1`)).body.pagination.total).toBe(40_000);
  });
});

describe('GET /invitations/invitations/:id/deliveries/export', () => {
  test('lists each email sent with the link, oldest first', async () => {
    const invitation = await createInvitation(app);
    const sent = await app
      .http()
      .post(`/invitations/invitations/${invitation.id}/send`)
      .set(admin())
      .send({ emails: ['first@example.com', 'second@example.com'] });
    expect(sent.status).toBe(200);
    await app.strapi.db.query('plugin::invitations.delivery').create({
      data: {
        invitation: invitation.id,
        recipient: 'third@example.com',
        status: 'failed',
        error: '=cmd|"/c calc"',
        sentAt: new Date(),
      },
    });
    const text = await download(`/invitations/invitations/${invitation.id}/deliveries/export`);
    const rows = Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual(['recipient', 'status', 'kind', 'error', 'sentAt', 'sentBy']);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[2], row[3], row[5]])).toEqual([
      [expect.stringMatching(/^(first|second)@example.com$/), 'sent', 'invitation', '', 'admin@example.com'],
      [expect.stringMatching(/^(first|second)@example.com$/), 'sent', 'invitation', '', 'admin@example.com'],
      ['third@example.com', 'failed', 'invitation', '\'=cmd|"/c calc"', ''],
    ]);
  });

  test('404 for an unknown link', async () => {
    expectStrapiError(await get('/invitations/invitations/987654/deliveries/export'), 404, /not found/);
  });
});

describe('GET /invitations/invitations/:id/recipients/export', () => {
  test('lists the personal links of a link, oldest first, with the language their email was written in', async () => {
    const invitation = await createInvitation(app);
    await sendPersonalLinks(app, invitation.id, ['ann@example.com', '=bob@example.com']);
    const rows = Papa.parse<string[]>((await download(`/invitations/invitations/${invitation.id}/recipients/export`)).trimEnd(), {
      newline: '\r\n',
    }).data;
    expect(rows[0]).toEqual([
      'email',
      'status',
      'sentAt',
      'lastSentAt',
      'sendCount',
      'acceptedAt',
      'language',
      'remindedAt',
      'username',
    ]);
    expect(rows.slice(1).map((row) => [row[0], row[1], row[4], row[5], row[6], row[7], row[8]])).toEqual([
      ['ann@example.com', 'pending', '1', '', 'en', '', ''],
      ["'=bob@example.com", 'pending', '1', '', 'en', '', ''],
    ]);
  });

  test('404 for an unknown link', async () => {
    expectStrapiError(await get('/invitations/invitations/987654/recipients/export'), 404, /not found/);
  });
});

describe('GET /invitations/invitations/:id/timeline', () => {
  test('a young link: sign-ups per UTC hour, empty hours included', async () => {
    const now = Date.now();
    const link = await linkWith([
      { redeemedAt: new Date(now - 2 * HOUR_MS) },
      { redeemedAt: new Date(now - 2 * HOUR_MS), kind: 'accepted' },
      { redeemedAt: new Date(now), kind: 'registered' },
    ]);
    await app.strapi.db
      .query('plugin::invitations.invitation')
      .update({ where: { id: link.id }, data: { createdAt: new Date(now - 5 * HOUR_MS) } });
    const res = await get(`/invitations/invitations/${link.id}/timeline`);
    expect(res.status).toBe(200);
    const { unit, buckets, maxUses, usedCount } = res.body.data;
    expect({ unit, maxUses, usedCount }).toEqual({ unit: 'hour', maxUses: 100_000, usedCount: 0 });
    expect(buckets).toHaveLength(6);
    const hourOf = (time: number) => new Date(Math.floor(time / HOUR_MS) * HOUR_MS).toISOString();
    expect(buckets[0].start).toBe(hourOf(now - 5 * HOUR_MS));
    expect(buckets.map((bucket: { count: number }) => bucket.count)).toEqual([0, 0, 0, 2, 0, 1]);
    expect(buckets.map((bucket: { accepted: number }) => bucket.accepted)).toEqual([0, 0, 0, 1, 0, 0]);
  });

  test('an older link: per day; one older than a year: per Monday-based week', async () => {
    const now = Date.now();
    const day = 24 * HOUR_MS;
    const link = await linkWith([{ redeemedAt: new Date(now - 3 * day) }, { redeemedAt: new Date(now - 3 * day) }]);
    const setCreated = (time: number) =>
      app.strapi.db
        .query('plugin::invitations.invitation')
        .update({ where: { id: link.id }, data: { createdAt: new Date(time) } });
    await setCreated(now - 10 * day);
    const daily = (await get(`/invitations/invitations/${link.id}/timeline`)).body.data;
    expect(daily.unit).toBe('day');
    expect(daily.buckets).toHaveLength(11);
    expect(daily.buckets[0].start).toMatch(/T00:00:00\.000Z$/);
    expect(daily.buckets.map((bucket: { count: number }) => bucket.count)).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0]);

    await setCreated(now - 400 * day);
    const weekly = (await get(`/invitations/invitations/${link.id}/timeline`)).body.data;
    expect(weekly.unit).toBe('week');
    expect(weekly.buckets.length).toBeGreaterThanOrEqual(57);
    expect(weekly.buckets.length).toBeLessThanOrEqual(59);
    for (const bucket of weekly.buckets) expect(new Date(bucket.start).getUTCDay()).toBe(1);
    expect(weekly.buckets.reduce((sum: number, bucket: { count: number }) => sum + bucket.count, 0)).toBe(2);
  });

  test('404 for an unknown link', async () => {
    expectStrapiError(await get('/invitations/invitations/987654/timeline'), 404, /not found/);
  });
});
