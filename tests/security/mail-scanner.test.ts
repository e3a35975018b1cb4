import { useTestApp, type TestApp } from '../helpers/strapi';
import {
  countUsers,
  createInvitation,
  createPersonalLink,
  newAccount,
  recipientRowsOf,
  redemptionsOf,
  seatsUsedOf,
  type JsonBody,
} from '../helpers/fixtures';
import { joinPath, submitJoinForm } from '../helpers/join-page';

/**
 * Mail security gateways open every link of an incoming email (often several times, from several
 * addresses) before the person does. Opening a link must therefore never spend it: only the
 * form's POST or the registration API does. A guard: today's code already passes it.
 */
let app: TestApp;
useTestApp((started) => {
  app = started;
});

const SCANNER_USER_AGENTS = [
  // Microsoft Defender Safe Links, Proofpoint URL Defense, Mimecast, Barracuda, Google's safe browsing.
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36 Edg/120.0',
  'Proofpoint URL Defense',
  'Mimecast-Sandbox',
  'Barracuda Sentinel (EE)',
  'Google-Safety',
  'curl/8.5.0',
  '',
];

/** Every way a scanner may open a link: the hosted page, the public API, the provider round trip. */
const openings = (token: string) =>
  [joinPath(token), `/api/invitations/${token}`, `/api/invitations/${token}/connect/github`].flatMap((path) =>
    SCANNER_USER_AGENTS.flatMap((userAgent) => [
      () => app.http().get(path).set('User-Agent', userAgent).redirects(0),
      () => app.http().head(path).set('User-Agent', userAgent).redirects(0),
    ])
  );

const openThreeTimes = async (token: string) => {
  for (let round = 0; round < 3; round += 1) {
    for (const open of openings(token)) {
      const res = await open();
      expect(res.status).toBeLessThan(500);
    }
  }
};

/** What opening a link must leave alone: its seats, its redemptions, its recipients, the accounts. */
const stateOf = async (invitationId: number) => ({
  seatsUsed: await seatsUsedOf(app, invitationId),
  redemptions: (await redemptionsOf(app, invitationId)).length,
  recipients: (await recipientRowsOf(app, invitationId)).map((row: JsonBody) => ({
    status: row.status,
    sendCount: row.sendCount,
    lastSentAt: row.lastSentAt,
    acceptedAt: row.acceptedAt,
    updatedAt: row.updatedAt,
    user: row.user?.id ?? null,
  })),
  users: await countUsers(app),
});

test('opening a one-seat link, however often and by whatever agent, takes no seat; the form then takes it', async () => {
  const invitation = await createInvitation(app, { name: 'Scanned link', maxUses: 1 });
  const before = await stateOf(invitation.id);

  await openThreeTimes(invitation.token);

  expect(await stateOf(invitation.id)).toEqual(before);
  expect((await submitJoinForm(app, invitation.token, newAccount())).status).toBe(201);
  expect(await seatsUsedOf(app, invitation.id)).toBe(1);
});

test('opening a personal link, however often and by whatever agent, leaves its recipient pending; the form then accepts it', async () => {
  const email = 'scanned@example.com';
  const link = await createPersonalLink(app, email, { name: 'Scanned personal link', maxUses: 1 });
  const before = await stateOf(link.invitation.id);
  expect(before.recipients).toEqual([expect.objectContaining({ status: 'pending', user: null })]);

  await openThreeTimes(link.token);

  expect(await stateOf(link.invitation.id)).toEqual(before);
  expect((await submitJoinForm(app, link.token, { ...newAccount(), email })).status).toBe(201);
  const [recipient] = await recipientRowsOf(app, link.invitation.id);
  expect(recipient.status).toBe('accepted');
});
