import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, expectStrapiError, type JsonBody } from '../helpers/fixtures';
import { captureLogs } from '../helpers/logs';

const MAX = 4;
// Wide enough that a slow machine still sends each test's burst inside one window; only the first
// test waits for a window to end, and it polls rather than sleeping a fixed time.
const WINDOW_SECONDS = 6;

/**
 * The rate limit as a client sees it, with the counts in `store`: rate-limit.test.ts runs it with
 * the memory store, rate-limit-database-store.test.ts with the database store.
 */
export const rateLimitSuite = (store: 'memory' | 'database') => {
  let app: TestApp;
  let logLines: string[] = [];
  let baseUrl: string;
  useTestApp(
    (started) => {
      app = started;
      logLines = captureLogs(app.strapi);
      const server = app.strapi.server.httpServer;
      server.listen(0, '127.0.0.1');
    },
    {
      DISABLE_RATE_LIMIT: 'false',
      INVITATIONS_RATE_LIMIT_MAX: String(MAX),
      INVITATIONS_RATE_LIMIT_WINDOW_SECONDS: String(WINDOW_SECONDS),
      INVITATIONS_RATE_LIMIT_STORE: store,
    }
  );

  beforeAll(async () => {
    const server = app.strapi.server.httpServer;
    if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  /** A GET from a given loopback address: every 127.x.y.z is this machine, seen as another client. */
  const getFrom = (clientIp: string, path: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: JsonBody }>((resolve, reject) => {
      http
        .get(`${baseUrl}${path}`, { localAddress: clientIp }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => {
            const isJson = String(res.headers['content-type']).startsWith('application/json');
            resolve({ status: res.statusCode as number, headers: res.headers, body: isJson ? JSON.parse(text) : text });
          });
        })
        .on('error', reject);
    });

  /** A JSON POST from a given loopback address: its status. */
  const postFrom = (clientIp: string, path: string, body: Record<string, unknown>) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${baseUrl}${path}`,
        { method: 'POST', localAddress: clientIp, headers: { 'Content-Type': 'application/json' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode as number));
        }
      );
      request.on('error', reject);
      request.end(JSON.stringify(body));
    });

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /**
   * The memory store starts a client's window at its first request; the database store's windows
   * follow the clock (every instance must agree where one ends). There, a burst waits until the
   * current window has half its length left, so that it never straddles two windows.
   */
  const beforeBurst = async () => {
    if (store === 'memory') return;
    const windowMs = WINDOW_SECONDS * 1000;
    while (windowMs - (Date.now() % windowMs) < windowMs / 2) await sleep(100);
  };

  test(`the link status answers ${MAX} requests per IP and window, then 429 with Retry-After, until the window ends`, async () => {
    await beforeBurst();
    const { token } = await createInvitation(app);
    const path = `/api/invitations/${token}`;
    for (let i = 0; i < MAX; i += 1) {
      expect((await getFrom('127.0.0.2', path)).status).toBe(200);
    }
    const limited = await getFrom('127.0.0.2', path);
    expectStrapiError(limited, 429, /Too many requests/);
    expect(limited.body.error.name).toBe('RateLimitError');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(limited.body.error.details).toEqual({ retryAfter });
    expect(JSON.stringify(limited.body)).not.toContain(token);

    // Another client is not affected.
    expect((await getFrom('127.0.0.3', path)).status).toBe(200);

    // Refused until the window ends, then answered again: the first 200 comes no sooner than the
    // Retry-After (rounded up to whole seconds) allows, and not much later.
    const refusedAt = Date.now();
    const deadline = refusedAt + retryAfter * 1000 + 5_000;
    let status = 429;
    while (status === 429 && Date.now() < deadline) {
      await sleep(200);
      status = (await getFrom('127.0.0.2', path)).status;
    }
    expect(status).toBe(200);
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual((retryAfter - 1) * 1000);
  });

  test('unknown and malformed tokens count too: guessing is as limited as reading', async () => {
    await beforeBurst();
    const statuses = [];
    for (let i = 0; i < MAX + 2; i += 1) {
      statuses.push((await getFrom('127.0.0.4', `/api/invitations/${'A'.repeat(42)}${i}`)).status);
    }
    expect(statuses).toEqual([...Array(MAX).fill(404), 429, 429]);
  });

  test('guessing codes counts on every route: the status, a sign-up and an accept by code share the budget', async () => {
    await beforeBurst();
    const attempts = [
      (i: number) => getFrom('127.0.0.8', `/api/invitations/code/GUESS-${i}-CODE`).then((res) => res.status),
      (i: number) =>
        postFrom('127.0.0.8', '/api/auth/local/register', {
          username: `guesser${i}${Date.now()}`,
          email: `guesser${i}${Date.now()}@example.com`,
          password: 'Password-123',
          invitationCode: `GUESS-${i}-CODE`,
        }),
      (i: number) => postFrom('127.0.0.8', `/api/invitations/code/GUESS-${i}-CODE/accept`, {}),
    ];
    const statuses = [];
    for (let i = 0; i < MAX + 2; i += 1) statuses.push(await attempts[i % attempts.length](i));
    expect(statuses.slice(0, MAX).filter((status) => status === 429)).toEqual([]);
    expect(statuses.slice(MAX)).toEqual([429, 429]);
  });

  test('the hosted sign-up page shares the budget: trying tokens on two routes is no faster than on one', async () => {
    await beforeBurst();
    const { token } = await createInvitation(app);
    const paths = [`/api/invitations/${token}`, `/invitations/join/${token}`];
    const statuses = [];
    for (let i = 0; i < MAX + 2; i += 1) statuses.push((await getFrom('127.0.0.6', paths[i % 2])).status);
    expect(statuses).toEqual([...Array(MAX).fill(200), 429, 429]);
  });

  test('a visitor of the sign-up page who is refused gets a page in their language, not JSON', async () => {
    await beforeBurst();
    const { token } = await createInvitation(app);
    let refused;
    for (let i = 0; i < MAX + 1; i += 1) refused = await getFrom('127.0.0.7', `/invitations/join/${token}`);
    expect(refused?.status).toBe(429);
    expect(refused?.headers['content-type']).toMatch(/^text\/html/);
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused?.headers['referrer-policy']).toBe('no-referrer');
    expect(refused?.body).toContain('Too many attempts');
    expect(refused?.body).not.toContain('<form');
  });

  test('a refused request does not log its token either', async () => {
    await beforeBurst();
    const { token } = await createInvitation(app);
    for (let i = 0; i < MAX + 1; i += 1) await getFrom('127.0.0.5', `/api/invitations/${token}`);
    expect(logLines.some((line) => line.includes('429'))).toBe(true);
    expect(logLines.filter((line) => line.includes(token))).toEqual([]);
  });
};
