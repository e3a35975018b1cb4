'use strict';

/**
 * A page of an admin list on a small site and on a large one, measured in alternating rounds in
 * the same run: what rows 3 and 12 compare.
 */
const { compareInRounds, closedLoop, median } = require('./stats');
const format = require('./format');

/** The median latency of `count` requests of `route`, one at a time. */
const listLatency = (site, route, count) => async () =>
  median(await closedLoop({ concurrency: 1, count, send: () => site.admin('GET', route), what: `admin list ${route}` }));

/**
 * Page `route` on `small` (holding `sizes.small` `unit`) against `large` (`sizes.large`): one table
 * line, met when the ratio is at most `target`.
 */
const compareListPage = async (bench, { small, large, route, what, sizes, unit, target }) => {
  const label = large.database.label;
  const requests = bench.rounds(40, 15);
  const rounds = bench.rounds(5, 2);
  await listLatency(small, route, 10)(); // warm-up
  await listLatency(large, route, 10)();
  const result = await compareInRounds({
    rounds,
    baseline: listLatency(small, route, requests),
    subject: listLatency(large, route, requests),
    onRound: ({ round, ratio }) => bench.log(`${label}, ${what}, round ${round + 1}/${rounds}: ratio ${format.ratio(ratio)}`),
  });
  return {
    measure: `${label}: median latency of ${what} (${requests} requests × ${rounds} rounds)`,
    baseline: `${format.ms(result.baseline)} (${format.count(sizes.small)} ${unit})`,
    subject: `${format.ms(result.subject)} (${format.count(sizes.large)} ${unit})`,
    ratio: result.ratio,
    ratioRange: result.ratioRange,
    met: result.ratio <= target,
    details: [],
  };
};

/** The SQL statements of one page of `list` at 10 and 100 rows (an N+1 would grow with the page), as a line for the report. */
const statementsPerPage = async (site, list) => {
  const page = (size) => () => site.admin('GET', `${list}?pageSize=${size}`);
  const [ten, hundred] = [await site.queriesOf(page(10)), await site.queriesOf(page(100))];
  return `SQL statements per list request (SQLite, admin authentication included): ${ten} for 10 rows, ${hundred} for 100 rows`;
};

module.exports = { listLatency, compareListPage, statementsPerPage };
