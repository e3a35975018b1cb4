// @database: counts and date windows computed in SQL
import { useTestApp, type TestApp } from '../helpers/strapi';
import { createInvitation, expectStrapiError, inDays, seedRedemptions, setInvitationRow } from '../helpers/fixtures';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

const DAY_MS = 24 * 60 * 60 * 1000;
const summary = () => app.http().get('/invitations/summary').set('Authorization', `Bearer ${app.adminToken}`);

test('GET /invitations/summary counts active links, recent sign-ups and links about to expire', async () => {
  const make = (name: string, days: number, maxUses = 5) => createInvitation(app, { name, expiresAt: inDays(days), maxUses });
  const soonest = await make('Soonest', 1);
  const soon = await make('Soon', 6, 10);
  await make('Later', 30);
  const usedUp = await make('Used up soon', 2, 1);
  await setInvitationRow(app, usedUp.id, { usedCount: 1 });
  const expired = await make('Expired', 3);
  await setInvitationRow(app, expired.id, { expiresAt: new Date(Date.now() - 1_000) });
  for (let i = 0; i < 5; i += 1) await make(`Soon ${i}`, 5);
  await setInvitationRow(app, soon.id, { usedCount: 4 });
  const now = Date.now();
  await seedRedemptions(app, soonest.id, [
    { redeemedAt: new Date(now - 1 * DAY_MS) },
    { redeemedAt: new Date(now - 6 * DAY_MS) },
    { redeemedAt: new Date(now - 8 * DAY_MS) },
    { redeemedAt: new Date(now - 29 * DAY_MS) },
    { redeemedAt: new Date(now - 31 * DAY_MS) },
    // Existing accounts that accepted the link: counted among the sign-ups, and apart.
    { redeemedAt: new Date(now - 2 * DAY_MS), kind: 'accepted' },
    { redeemedAt: new Date(now - 20 * DAY_MS), kind: 'accepted' },
    { redeemedAt: new Date(now - 40 * DAY_MS), kind: 'accepted' },
    { redeemedAt: new Date(now - 3 * DAY_MS), kind: 'registered' },
  ]);

  const res = await summary();
  expect(res.status).toBe(200);
  expect(res.body.data).toEqual({
    activeLinks: 8,
    signUpsLast7Days: 4,
    signUpsLast30Days: 7,
    acceptsLast7Days: 1,
    acceptsLast30Days: 2,
    expiringSoon: {
      count: 7,
      links: [
        { id: soonest.id, name: 'Soonest', expiresAt: soonest.expiresAt, remaining: 5 },
        ...[0, 1, 2, 3].map((i) => ({ id: expect.any(Number), name: `Soon ${i}`, expiresAt: expect.any(String), remaining: 5 })),
      ],
    },
    // Request access is on in the playground, and the super admin may review: none asked yet.
    pendingAccessRequests: 0,
  });
});

test('GET /invitations/summary takes no query', async () => {
  expectStrapiError(
    await app.http().get('/invitations/summary?days=3').set('Authorization', `Bearer ${app.adminToken}`),
    400,
    /Unknown query parameter: days/
  );
});
