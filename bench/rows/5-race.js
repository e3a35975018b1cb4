'use strict';

/**
 * Row 5: 500 registrations sent at once on a link with 100 seats, on SQLite and on PostgreSQL.
 * Correctness: exactly 100 answers 200 and 400 answer 410, exactly 100 accounts exist, the link's
 * usedCount is 100 and it has 100 redemptions. Time: against the same site making 100 plain
 * registrations sent at once (the 100 accounts without the race), in alternating rounds.
 *
 * The site runs with requireInvitation false so that the plain registrations of the baseline are
 * possible; requests with a token take the same path whatever that setting.
 */
const { onEachDatabase, newAccount } = require('../lib/site');
const { connect } = require('../lib/databases');
const { compareInRounds } = require('../lib/stats');
const { expectStatus, dropIdleSockets } = require('../lib/http');
const format = require('../lib/format');

const SEATS = 100;
const REQUESTS = 500;

/** `count` requests sent at once, each on a new connection as from as many visitors. */
const inParallel = async (count, send) => {
  dropIdleSockets();
  const started = process.hrtime.bigint();
  const responses = await Promise.all(Array.from({ length: count }, (_, index) => send(index)));
  return { responses, ms: Number(process.hrtime.bigint() - started) / 1e6 };
};

const tallyStatuses = (responses) =>
  responses.reduce((tally, { status }) => ({ ...tally, [status]: (tally[status] ?? 0) + 1 }), {});

const describeStatuses = (tally) =>
  Object.entries(tally)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');

/** One race; resolves with its time and records what it checked in `checks`. */
const race = (site, knex, checks) => async (round) => {
  const role = await site.roleId('authenticated');
  const invitation = await site.createInvitation({ name: `Race ${round + 1}`, maxUses: SEATS, role });
  const prefix = `race${round}${site.database.client}`;
  const { responses, ms } = await inParallel(REQUESTS, () =>
    site.register({ ...newAccount(prefix), invitationToken: invitation.token })
  );
  const statuses = tallyStatuses(responses);
  const { data } = expectStatus(await site.admin('GET', `/invitations/invitations/${invitation.id}`), 200, 'invitation').body;
  const [{ count }] = await knex('up_users').where('email', 'like', `${prefix}-%`).count('id as count');
  const accounts = Number(count);
  const correct =
    statuses[200] === SEATS &&
    statuses[410] === REQUESTS - SEATS &&
    accounts === SEATS &&
    data.usedCount === SEATS &&
    data.redemptionCount === SEATS;
  checks.push({
    correct,
    text:
      `round ${round + 1}: ${describeStatuses(statuses)}; ${accounts} accounts, usedCount ${data.usedCount}, ` +
      `${data.redemptionCount} redemptions, ${format.seconds(ms)}${correct ? '' : ' — WRONG'}`,
  });
  return ms;
};

const plainRegistrations = (site) => async () => {
  const { responses, ms } = await inParallel(SEATS, () => site.register(newAccount('plain')));
  const statuses = tallyStatuses(responses);
  if (statuses[200] !== SEATS) throw new Error(`plain registrations: ${describeStatuses(statuses)}`);
  return ms;
};

const measure = (bench) => async (site) => {
  const knex = connect(site.database);
  try {
    const checks = [];
    const rounds = bench.rounds(3, 1);
    const result = await compareInRounds({
      rounds,
      baseline: plainRegistrations(site),
      subject: race(site, knex, checks),
      onRound: ({ round }) => bench.log(`${site.database.label}, ${checks[round].text}`),
    });
    const correct = checks.every((check) => check.correct);
    return [
      {
        measure: `${site.database.label}: ${REQUESTS} registrations at once on a ${SEATS}-seat link, time (${rounds} rounds)`,
        baseline: `${format.seconds(result.baseline)} (${SEATS} plain at once)`,
        subject: format.seconds(result.subject),
        ratio: result.ratio,
        ratioRange: result.ratioRange,
        met: correct,
        correct,
        details: checks.map((check) => `${site.database.label}, ${check.text}`),
      },
    ];
  } finally {
    await knex.destroy();
  }
};

module.exports = {
  id: '5',
  title: 'Race: 500 registrations at once on a 100-seat link',
  target: `exactly ${SEATS} accounts, usedCount ${SEATS}`,

  async run(bench) {
    return onEachDatabase({ env: { INVITATIONS_REQUIRE_INVITATION: 'false' } }, measure(bench));
  },
};
