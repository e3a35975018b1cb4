'use strict';

/**
 * Row 10: a member accepting a link costs little next to signing in.
 *
 * What a member does to accept a link is a sign-in (users-permissions' `POST /api/auth/local`, whose
 * time is mostly bcrypt) and then `POST /api/invitations/:token/accept` with the token it gave: the
 * JWT checked, the seat's conditional UPDATE, the role changed and the redemption recorded, in one
 * transaction. Compared, for the same accounts on the same site: the sign-in alone (baseline) and
 * the sign-in followed by the accept (subject), one at a time, each account's two measured back to
 * back in alternating order; the median of each kind per round, the median of the rounds' ratios.
 *
 * Target as issue 26 sets it: 1.5 (both bcrypt-bound: the accept adds at most half a sign-in).
 */
const { onEachDatabase, newAccount } = require('../lib/site');
const { comparePairedRounds, median } = require('../lib/stats');
const { request, expectStatus } = require('../lib/http');
const format = require('../lib/format');

const TARGET = 1.5;
const GATE_OFF = { INVITATIONS_REQUIRE_INVITATION: 'false' };
const ROLE_NAME = 'Bench speakers';

/** Plain accounts (the gate is off on this site), each with the default role. */
const makeMembers = async (site, count) => {
  const members = [];
  for (let index = 0; index < count; index += 1) {
    const account = newAccount('accept');
    expectStatus(await site.register(account), 200, 'register a member');
    members.push(account);
  }
  return members;
};

/** A link members may accept, with many seats, giving the bench's own role. */
const createMemberLink = async (site) => {
  expectStatus(
    await site.admin('POST', '/users-permissions/roles', { name: ROLE_NAME, description: 'Bench row 10', permissions: {} }),
    200,
    'create role'
  );
  const { roles } = expectStatus(await site.admin('GET', '/users-permissions/roles'), 200, 'list roles').body;
  const body = {
    name: 'Row 10',
    maxUses: 100_000,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    role: roles.find((role) => role.name === ROLE_NAME).id,
    allowExistingAccounts: true,
  };
  return expectStatus(await site.admin('POST', '/invitations/invitations', body), 201, 'create link').body.data;
};

const signIn = (site, member) =>
  request(`${site.url}/api/auth/local`, { method: 'POST', body: { identifier: member.email, password: member.password } });

/** A sign-in then the accept with its token; resolves with the two latencies summed. */
const signInAndAccept = async (site, member, token) => {
  const signedIn = expectStatus(await signIn(site, member), 200, 'sign in');
  const accepted = expectStatus(
    await request(`${site.url}/api/invitations/${token}/accept`, { method: 'POST', token: signedIn.body.jwt }),
    200,
    'accept'
  );
  return signedIn.ms + accepted.ms;
};

/** One round: each account signs in alone and signs in then accepts, in alternating order. */
const round = (site, members, token) => async (index) => {
  const latencies = { baseline: [], subject: [] };
  for (const [position, member] of members.entries()) {
    const alone = async () => latencies.baseline.push(expectStatus(await signIn(site, member), 200, 'sign in').ms);
    const accepting = async () => latencies.subject.push(await signInAndAccept(site, member, token));
    const first = (index + position) % 2 === 0;
    await (first ? alone() : accepting());
    await (first ? accepting() : alone());
  }
  return { baseline: median(latencies.baseline), subject: median(latencies.subject) };
};

const measure = (bench) => async (site) => {
  const label = site.database.label;
  const link = await createMemberLink(site);
  const perRound = bench.rounds(8, 2);
  const rounds = bench.rounds(15, 2);
  const warmUp = await makeMembers(site, 3);
  // The first requests of a process pay for JIT compilation and lazy loading.
  await round(site, warmUp, link.token)(0);
  const batches = [];
  for (let index = 0; index < rounds; index += 1) batches.push(await makeMembers(site, perRound));
  const result = await comparePairedRounds({
    rounds,
    round: (index) => round(site, batches[index], link.token)(index),
    onRound: ({ round: index, ratio }) => bench.log(`${label}, round ${index + 1}/${rounds}: ratio ${format.ratio(ratio)}`),
  });
  const { body } = await site.admin('GET', `/invitations/invitations/${link.id}`);
  const accepts = warmUp.length + perRound * rounds;
  if (body?.data?.usedCount !== accepts) throw new Error(`${accepts} accepts made, but usedCount ${body?.data?.usedCount}`);
  return [
    {
      measure: `${label}: median latency (${perRound} accounts × ${rounds} rounds)`,
      baseline: format.ms(result.baseline),
      subject: format.ms(result.subject),
      ratio: result.ratio,
      ratioRange: result.ratioRange,
      target: `latency ratio ≤ ${TARGET}`,
      met: result.ratio <= TARGET,
      details: [`${label}: sign-in alone ${format.ms(result.baseline)}; sign-in then accept ${format.ms(result.subject)}`],
    },
  ];
};

module.exports = {
  id: '10',
  title: 'A member accepting a link (sign-in, then accept) vs the same sign-in alone',
  target: `latency ratio ≤ ${TARGET}`,

  run: (bench) => onEachDatabase({ env: GATE_OFF }, measure(bench)),
};
