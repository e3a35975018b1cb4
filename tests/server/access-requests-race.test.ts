// @database: one pending access request per address under concurrent repeats (the unique pending key), and one decision per request (the conditional UPDATE)
import { createInvitation, type JsonBody } from '../helpers/fixtures';
import { useTestApp, type TestApp } from '../helpers/strapi';

const REQUEST_UID = 'plugin::invitations.access-request';

let app: TestApp;
useTestApp((started) => {
  app = started;
});

const submit = (body: object) => app.http().post('/api/invitations/requests').send(body);
const decide = (id: number, path: 'approve' | 'decline', body: object) =>
  app.http().post(`/invitations/requests/${id}/${path}`).set('Authorization', `Bearer ${app.adminToken}`).send(body);

/** The address in 20 spellings of its case. */
const spellings = (email: string) =>
  Array.from({ length: 20 }, (_, index) =>
    [...email].map((character, position) => ((index >> (position % 5)) & 1 ? character.toUpperCase() : character)).join('')
  );

test('20 concurrent requests from one address, in different cases: all 202, exactly one pending row counting them all', async () => {
  const answers = await Promise.all(
    spellings('racer@example.com').map((email, index) => submit({ email, name: `Racer ${index}` }))
  );
  expect(answers.map((res) => res.status)).toEqual(Array(20).fill(202));
  for (const res of answers) expect(res.body).toEqual({ data: { status: 'received' } });
  const rows = await app.strapi.db.query(REQUEST_UID).findMany({ where: { normalizedEmail: 'racer@example.com' } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ status: 'pending', requestCount: 20 });
});

test('20 submissions of one address started at once (the service the route and the hosted page call): one pending row', async () => {
  const accessRequests = app.strapi.plugin('invitations').service('access-requests');
  // Started in one tick, they all look for a pending row before any has inserted one.
  await Promise.all(spellings('service-racer@example.com').map((email) => accessRequests.submit({ email })));
  const rows = await app.strapi.db.query(REQUEST_UID).findMany({ where: { normalizedEmail: 'service-racer@example.com' } });
  expect(rows).toHaveLength(1);
  expect(rows[0].requestCount).toBe(20);
});

test('concurrent requests from many addresses, some repeated: one row per address', async () => {
  const addresses = Array.from({ length: 15 }, (_, index) => `many${index}@example.com`);
  const bodies = [...addresses, ...addresses.slice(0, 5).map((email) => email.toUpperCase()), ...addresses.slice(0, 5)];
  const answers = await Promise.all(bodies.map((email) => submit({ email })));
  expect(answers.every((res) => res.status === 202)).toBe(true);
  const rows: JsonBody[] = await app.strapi.db
    .query(REQUEST_UID)
    .findMany({ where: { normalizedEmail: { $startsWith: 'many' } } });
  expect(rows.map((row) => row.normalizedEmail).sort()).toEqual([...addresses].sort());
  expect(rows.filter((row) => row.requestCount === 3)).toHaveLength(5);
});

test('two approvals and a decline at once: one wins, the others get 409, one personal link', async () => {
  const invitation = await createInvitation(app, { maxUses: 10 });
  expect((await submit({ email: 'decided@example.com' })).status).toBe(202);
  const { id } = await app.strapi.db.query(REQUEST_UID).findOne({ where: { normalizedEmail: 'decided@example.com' } });
  const answers = await Promise.all([
    decide(id, 'approve', { invitationId: invitation.id }),
    decide(id, 'approve', { invitationId: invitation.id }),
    decide(id, 'decline', { sendEmail: false }),
  ]);
  const statuses = answers.map((res) => res.status);
  expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  expect(statuses.filter((status) => status === 409)).toHaveLength(2);
  const winner = answers.find((res) => res.status === 200) as JsonBody;
  const row = await app.strapi.db.query(REQUEST_UID).findOne({ where: { id } });
  expect(row.status).toBe(winner.body.data.status);
  const recipients = await app.strapi.db
    .query('plugin::invitations.recipient')
    .count({ where: { invitation: { id: invitation.id } } });
  expect(recipients).toBe(winner.body.data.status === 'approved' ? 1 : 0);
});
