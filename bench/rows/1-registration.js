'use strict';

/**
 * Row 1: registration through the invitation gate costs no more than plain registration.
 *
 * One site per database with `requireInvitation: false` (INVITATIONS_REQUIRE_INVITATION=false):
 * there, a registration without a token is users-permissions' own (the gate only sees that no token
 * was sent), and one with a valid token goes through the whole gate: token lookup, the conditional
 * seat UPDATE, the transaction, the role and the redemption record. Both run on the same process
 * and database, at the same concurrency, in alternating rounds. The site's CPU time per
 * registration and the SQL statements each one runs show the gate's own cost apart from waiting.
 */
const { withSite, onEachDatabase, newAccount } = require('../lib/site');
const { compareInRounds, closedLoop, median } = require('../lib/stats');
const format = require('../lib/format');

const TARGET = 1.03;
const CONCURRENCIES = [1, 8];
const GATE_OFF = { INVITATIONS_REQUIRE_INVITATION: 'false' };

/** One batch of registrations; resolves with its median latency and records the CPU spent per registration. */
const registrations =
  (site, { concurrency, count, token, cpuPerRequest, tally }) =>
  async () => {
    const cpuBefore = site.cpuMs();
    const latencies = await closedLoop({
      concurrency,
      count,
      send: () => site.register({ ...newAccount('reg'), ...(token && { invitationToken: token }) }),
      what: token ? 'registration with an invitation' : 'plain registration',
    });
    if (token) tally.gated += count;
    if (cpuBefore !== null) cpuPerRequest.push((site.cpuMs() - cpuBefore) / count);
    return median(latencies);
  };

/** Every registration measured as gated did take a seat: the subject really went through the gate. */
const assertSeatsTaken = async (site, id, expected) => {
  const { body } = await site.admin('GET', `/invitations/invitations/${id}`);
  if (body?.data?.usedCount !== expected || body.data.redemptionCount !== expected) {
    throw new Error(
      `gated registrations: ${expected} made, but usedCount ${body?.data?.usedCount}, ${body?.data?.redemptionCount} redemptions`
    );
  }
};

const cpuDetail = (label, plain, gated) =>
  plain.length && gated.length
    ? `${label}: site CPU per registration ${format.ms(median(plain))} plain, ${format.ms(median(gated))} through the gate`
    : null;

const measure = (bench) => async (site) => {
  const role = await site.roleId('authenticated');
  const invitation = await site.createInvitation({ name: 'Row 1', maxUses: 100_000, role });
  // The gate's cost (about 2 % of the CPU of a registration, most of it bcrypt) is smaller than
  // one round's noise: nine rounds make the median ratio steady enough to compare with 1.03.
  const rounds = bench.rounds(9, 2);
  const tally = { gated: 0 };
  const warmUp = { concurrency: 2, count: 10, cpuPerRequest: [], tally };
  // The first requests of a process pay for JIT compilation and lazy loading.
  await registrations(site, { ...warmUp, token: invitation.token })();
  await registrations(site, warmUp)();

  const lines = [];
  for (const concurrency of CONCURRENCIES) {
    const count = concurrency * (concurrency === 1 ? bench.rounds(16, 8) : bench.rounds(6, 3));
    const cpu = { plain: [], gated: [] };
    const result = await compareInRounds({
      rounds,
      baseline: registrations(site, { concurrency, count, cpuPerRequest: cpu.plain, tally }),
      subject: registrations(site, { concurrency, count, token: invitation.token, cpuPerRequest: cpu.gated, tally }),
      onRound: ({ round, ratio }) =>
        bench.log(
          `${site.database.label}, concurrency ${concurrency}, round ${round + 1}/${rounds}: ratio ${format.ratio(ratio)}`
        ),
    });
    const label = `${site.database.label}, concurrency ${concurrency}`;
    lines.push({
      measure: `${label}: median latency (${count} registrations × ${rounds} rounds)`,
      baseline: format.ms(result.baseline),
      subject: format.ms(result.subject),
      ratio: result.ratio,
      ratioRange: result.ratioRange,
      met: result.ratio <= TARGET,
      details: [cpuDetail(label, cpu.plain, cpu.gated)].filter(Boolean),
    });
  }
  await assertSeatsTaken(site, invitation.id, tally.gated);
  return lines;
};

/** SQL statements of one registration: plain, through the gate, and through a link that gives no role. */
const countStatements = async (site) => {
  const withRole = await site.createInvitation({ name: 'Row 1 probe', maxUses: 10, role: await site.roleId('authenticated') });
  const withoutRole = await site.createInvitation({ name: 'Row 1 probe, no role', maxUses: 10, role: null });
  const registerWith = (extra) => () => site.register({ ...newAccount('probe'), ...extra });
  for (const extra of [{}, { invitationToken: withRole.token }]) await registerWith(extra)(); // warm-up
  const plain = await site.queriesOf(registerWith({}));
  const gated = await site.queriesOf(registerWith({ invitationToken: withRole.token }));
  const noRole = await site.queriesOf(registerWith({ invitationToken: withoutRole.token }));
  return `SQL statements per registration (${site.database.label}): ${plain} plain, ${gated} through the gate (${noRole} with a link that gives no role)`;
};

module.exports = {
  id: '1',
  title: 'Registration through the gate vs plain users-permissions registration',
  target: `latency ratio ≤ ${TARGET}`,

  async run(bench) {
    const lines = await onEachDatabase({ env: GATE_OFF }, measure(bench));
    for (const client of ['sqlite', 'postgres']) {
      const counted = await withSite({ client, env: GATE_OFF, countQueries: true }, countStatements);
      if (counted) (lines[0].details ??= []).push(counted);
    }
    return lines;
  },
};
