// @database: the notice's compare-and-set on the store row, and the retention's date comparison
import { useAppWithMailServer } from '../helpers/mail-app';
import type { TestSmtpServer } from '../helpers/smtp';
import type { TestApp } from '../helpers/strapi';

const ACCESS_REQUEST_UID = 'plugin::invitations.access-request';
const TEAM = 'team@example.com';
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

let app: TestApp;
let smtp: TestSmtpServer;
useAppWithMailServer(
  (started) => {
    ({ app, smtp } = started);
  },
  { INVITATIONS_REQUEST_ACCESS_NOTIFY: TEAM, INVITATIONS_BACKGROUND: 'false' }
);

const notices = () => app.strapi.plugin('invitations').service('access-request-notices');
let unique = 0;
const ask = () => {
  unique += 1;
  return app
    .http()
    .post('/api/invitations/requests')
    .send({ email: `waiting${Date.now().toString(36)}${unique}@example.com` });
};

const waitForNotices = async (count: number) => {
  for (let tries = 0; tries < 100 && smtp.receivedBy(TEAM).length < count; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return smtp.receivedBy(TEAM);
};

describe('the team’s notice of new requests', () => {
  test('the first request is told at once; the next ones wait for the ten minutes, then come as one email with their count', async () => {
    expect((await ask()).status).toBe(202);
    const [first] = await waitForNotices(1);
    expect(first.mail.subject).toBe('1 new request for an invitation to Invitations playground');
    expect(first.mail.text).toContain('Someone has asked for an invitation');
    expect(first.mail.text).toMatch(/https?:\/\/[^ ]+\/admin\/plugins\/invitations\/requests/);

    await ask();
    await ask();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.receivedBy(TEAM)).toHaveLength(1);
    expect(await notices().notifyIfDue(new Date(Date.now() + 5 * MINUTE_MS))).toBe(0);

    expect(await notices().notifyIfDue(new Date(Date.now() + 11 * MINUTE_MS))).toBe(2);
    const [, digest] = await waitForNotices(2);
    expect(digest.mail.subject).toBe('2 new requests for an invitation to Invitations playground');
    expect(digest.mail.text).toContain('2 people have asked');
  });

  test('several instances at once send one notice between them', async () => {
    await ask();
    const later = new Date(Date.now() + 60 * MINUTE_MS);
    const counts = await Promise.all(Array.from({ length: 6 }, () => notices().notifyIfDue(later)));
    expect(counts.filter((count: number) => count > 0)).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.receivedBy(TEAM)).toHaveLength(1);
  });

  test('a notice the mail server refused is sent at the next try, with the requests it counted', async () => {
    await ask();
    const later = new Date(Date.now() + 120 * MINUTE_MS);
    const emailService = app.strapi.plugin('email').service('email');
    const send = jest.spyOn(emailService, 'send').mockRejectedValueOnce(new Error('Mail server down'));
    try {
      await expect(notices().notifyIfDue(later)).rejects.toThrow('Mail server down');
    } finally {
      send.mockRestore();
    }
    expect(await notices().notifyIfDue(later)).toBe(1);
    expect(await waitForNotices(1)).toHaveLength(1);
  });

  test('no new request, no notice', async () => {
    expect(await notices().notifyIfDue(new Date(Date.now() + 24 * 60 * MINUTE_MS))).toBe(0);
    expect(smtp.receivedBy(TEAM)).toHaveLength(0);
  });
});

describe('retention of declined requests', () => {
  const seed = (status: string, decidedDaysAgo: number | null, email: string) =>
    app.strapi.db.query(ACCESS_REQUEST_UID).create({
      data: {
        email,
        normalizedEmail: email,
        pendingKey: status === 'pending' ? email : null,
        status,
        lastRequestedAt: new Date(),
        decidedAt: decidedDaysAgo === null ? null : new Date(Date.now() - decidedDaysAgo * DAY_MS),
      },
    });

  test('a background run deletes the requests declined more than 90 days ago, and only those', async () => {
    const stamp = Date.now().toString(36);
    const old = await seed('declined', 91, `old-declined-${stamp}@example.com`);
    const recent = await seed('declined', 89, `recent-declined-${stamp}@example.com`);
    const approved = await seed('approved', 400, `old-approved-${stamp}@example.com`);
    const pending = await seed('pending', null, `pending-${stamp}@example.com`);

    await app.strapi.plugin('invitations').service('background').runNow();

    const left = await app.strapi.db
      .query(ACCESS_REQUEST_UID)
      .findMany({ where: { id: { $in: [old.id, recent.id, approved.id, pending.id] } }, select: ['id'] });
    expect(left.map(({ id }: { id: number }) => id).sort()).toEqual([recent.id, approved.id, pending.id].sort());
  });
});
