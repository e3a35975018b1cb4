'use strict';

/**
 * Row 1: registration through the invitation gate costs no more than plain registration.
 *
 * One site per database with `requireInvitation: false` (INVITATIONS_REQUIRE_INVITATION=false):
 * there, a registration without a token is users-permissions' own (the gate only sees that no token
 * was sent), and one with a valid token goes through the whole gate: the conditional seat UPDATE,
 * the transaction, the role and the redemption record. Both run on the same process and database,
 * at the same concurrency: at concurrency 1 one after the other within each round (plain, gated,
 * gated, plain…), compared by median latency; at 8 in alternating batches, compared by mean
 * latency. The site's CPU time per registration and the SQL statements each one runs show the
 * gate's own cost apart from waiting.
 *
 * Why the mean at concurrency 8: eight registrations in flight queue for the database (SQLite has
 * one connection) and the CPU, and the order they are served in decides the median. A plain
 * registration queues six times on its way (five reads, then users-permissions' transaction), a
 * gated one twice (one read, then the gate's transaction, which holds the rest), so plain
 * latencies spread wider: their median drops while their slowest grow. The mean is eight times the time per registration (Little's
 * law), the same whatever the order: the cost. The median and the 90th percentile of each kind
 * are in the details.
 *
 * Targets as issue 15 sets them: 1.03 on PostgreSQL; SQLite "unchanged or better", i.e. within
 * the 1.05 it met before.
 */
const { withSite, onEachDatabase, newAccount } = require('../lib/site');
const { compareInRounds, comparePairedRounds, closedLoop, median } = require('../lib/stats');
const format = require('../lib/format');

const TARGETS = { PostgreSQL: 1.03, SQLite: 1.05 };
const CONCURRENCIES = [1, 8];
const GATE_OFF = { INVITATIONS_REQUIRE_INVITATION: 'false' };

const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The value below which `share` of `values` fall (nearest rank). */
const percentile = (values, share) => values.slice().sort((a, b) => a - b)[Math.ceil(share * values.length) - 1];

/**
 * One batch of registrations; resolves with its mean latency, and records the CPU spent per
 * registration and every latency.
 */
const registrations =
  (site, { concurrency, count, token, cpuPerRequest, latencies = [], tally }) =>
  async () => {
    const cpuBefore = site.cpuMs();
    const batch = await closedLoop({
      concurrency,
      count,
      send: () => site.register({ ...newAccount('reg'), ...(token && { invitationToken: token }) }),
      what: token ? 'registration with an invitation' : 'plain registration',
    });
    if (token) tally.gated += count;
    if (cpuBefore !== null) cpuPerRequest.push((site.cpuMs() - cpuBefore) / count);
    latencies.push(...batch);
    return mean(batch);
  };

/**
 * One round at concurrency 1: `count` registrations of each kind, one at a time and interleaved
 * (plain, gated, gated, plain…), so that the machine's drift within the round weighs on both
 * alike; resolves with the median latency of each kind.
 */
const interleavedRound =
  (site, { count, token, tally }) =>
  async () => {
    const latencies = { baseline: [], subject: [] };
    for (let index = 0; index < 2 * count; index += 1) {
      const gated = index % 4 === 1 || index % 4 === 2;
      const res = await site.register({ ...newAccount('reg'), ...(gated && { invitationToken: token }) });
      if (res.status !== 200)
        throw new Error(`registration: expected 200, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      latencies[gated ? 'subject' : 'baseline'].push(res.ms);
      if (gated) tally.gated += 1;
    }
    return { baseline: median(latencies.baseline), subject: median(latencies.subject) };
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

const spreadDetail = (label, plain, gated) => {
  const spread = (values) => `median ${format.ms(median(values))}, 90th percentile ${format.ms(percentile(values, 0.9))}`;
  return `${label}: latency over all rounds, plain ${spread(plain)}; through the gate ${spread(gated)}`;
};

const measureInterleaved = async (bench, site, { token, tally, onRound }) => {
  // 504 of each kind: with 150 (15 rounds of 10), three runs of the same code were 1.008 to
  // 1.031 apart, as wide as the cost measured; with 24 rounds the median still moved about ±0.010
  // (rounds spread with a deviation of about 0.04), a third of the 1.03 target's margin.
  const count = bench.rounds(14, 4);
  const rounds = bench.rounds(36, 2);
  const result = await comparePairedRounds({
    rounds,
    round: interleavedRound(site, { count, token, tally }),
    onRound: ({ round, ratio }) => onRound({ round: { index: round, of: rounds }, ratio }),
  });
  return { result, count, rounds, details: [], statistic: 'median' };
};

const measureInBatches = async (bench, site, { label, concurrency, token, tally, onRound }) => {
  // Batches of six waves: shorter ones (two waves) were measured to spread twice as wide. 27
  // rounds: the same code against itself (A/A) spread with a deviation of 0.061 (PostgreSQL) and
  // 0.076 (SQLite) a round, so the median of 9 moved about ±0.026 to ±0.032, nearly the whole
  // margin under the target; 27 bring that to about ±0.015 to ±0.018 (bench/RESULTS.md, row 1).
  const count = concurrency * bench.rounds(6, 2);
  const rounds = bench.rounds(27, 2);
  const cpu = { plain: [], gated: [] };
  const latencies = { plain: [], gated: [] };
  const result = await compareInRounds({
    rounds,
    baseline: registrations(site, { concurrency, count, cpuPerRequest: cpu.plain, latencies: latencies.plain, tally }),
    subject: registrations(site, { concurrency, count, token, cpuPerRequest: cpu.gated, latencies: latencies.gated, tally }),
    onRound: ({ round, ratio }) => onRound({ round: { index: round, of: rounds }, ratio }),
  });
  const details = [cpuDetail(label, cpu.plain, cpu.gated), spreadDetail(label, latencies.plain, latencies.gated)];
  return { result, count, rounds, details: details.filter(Boolean), statistic: 'mean' };
};

const measure = (bench) => async (site) => {
  const role = await site.roleId('authenticated');
  const invitation = await site.createInvitation({ name: 'Row 1', maxUses: 100_000, role });
  // The gate's cost (about 1 % of a registration's CPU, which is mostly bcrypt) is smaller than
  // the machine's drift between two batches: hence many rounds, interleaved where the
  // concurrency allows it.
  const tally = { gated: 0 };
  const target = TARGETS[site.database.label];
  const warmUp = { concurrency: 2, count: 10, cpuPerRequest: [], tally };
  // The first requests of a process pay for JIT compilation and lazy loading.
  await registrations(site, { ...warmUp, token: invitation.token })();
  await registrations(site, warmUp)();

  const lines = [];
  for (const concurrency of CONCURRENCIES) {
    const label = `${site.database.label}, concurrency ${concurrency}`;
    const onRound = ({ round, ratio }) =>
      bench.log(`${label}, round ${round.index + 1}/${round.of}: ratio ${format.ratio(ratio)}`);
    const { result, count, rounds, details, statistic } = await (concurrency === 1
      ? measureInterleaved(bench, site, { token: invitation.token, tally, onRound })
      : measureInBatches(bench, site, { label, concurrency, token: invitation.token, tally, onRound }));
    lines.push({
      measure: `${label}: ${statistic} latency (${count} registrations of each kind × ${rounds} rounds)`,
      baseline: format.ms(result.baseline),
      subject: format.ms(result.subject),
      ratio: result.ratio,
      ratioRange: result.ratioRange,
      target: `latency ratio ≤ ${target}`,
      met: result.ratio <= target,
      details,
    });
  }
  await assertSeatsTaken(site, invitation.id, tally.gated);
  return lines;
};

/** SQL of one registration, plain, through the gate and through a link that gives no role: statements (round trips). */
const countStatements = async (site) => {
  const withRole = await site.createInvitation({ name: 'Row 1 probe', maxUses: 10, role: await site.roleId('authenticated') });
  const withoutRole = await site.createInvitation({ name: 'Row 1 probe, no role', maxUses: 10, role: null });
  const registerWith = (extra) => () => site.register({ ...newAccount('probe'), ...extra });
  for (const extra of [{}, { invitationToken: withRole.token }]) await registerWith(extra)(); // warm-up
  const counted = async (extra) => {
    const { statements, roundTrips } = await site.sqlOf(registerWith(extra));
    return `${statements} (${roundTrips} round trips)`;
  };
  const plain = await counted({});
  const gated = await counted({ invitationToken: withRole.token });
  const noRole = await counted({ invitationToken: withoutRole.token });
  return `SQL statements per registration (${site.database.label}): ${plain} plain, ${gated} through the gate, ${noRole} with a link that gives no role`;
};

module.exports = {
  id: '1',
  title: 'Registration through the gate vs plain users-permissions registration',
  target: `latency ratio ≤ ${TARGETS.PostgreSQL} (PostgreSQL), ≤ ${TARGETS.SQLite} (SQLite)`,

  async run(bench) {
    const lines = await onEachDatabase({ env: GATE_OFF }, measure(bench));
    for (const client of ['sqlite', 'postgres']) {
      const counted = await withSite({ client, env: GATE_OFF, countQueries: true }, countStatements);
      if (counted) (lines[0].details ??= []).push(counted);
    }
    return lines;
  },
};
