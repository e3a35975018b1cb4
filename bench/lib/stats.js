'use strict';

const median = (values) => {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The median of the rounds' ratios subject / baseline, their range, and the median figures. */
const summarise = (pairs) => {
  const ratios = pairs.map(({ baseline, subject }) => subject / baseline);
  return {
    baseline: median(pairs.map((pair) => pair.baseline)),
    subject: median(pairs.map((pair) => pair.subject)),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    rounds: pairs.length,
  };
};

/**
 * Measures in `rounds` rounds, each of which resolves with { baseline, subject } (one number
 * each) and measures both as it sees fit; the result is summarised as by compareInRounds.
 */
const comparePairedRounds = async ({ rounds, round, onRound = () => {} }) => {
  const pairs = [];
  for (let index = 0; index < rounds; index += 1) {
    const pair = await round(index);
    pairs.push(pair);
    onRound({ round: index, ...pair, ratio: pair.subject / pair.baseline });
  }
  return summarise(pairs);
};

/**
 * Measures a baseline and a subject in `rounds` rounds, the two back to back in each round and
 * in alternating order (baseline first, then subject first...), so that a load change on the
 * machine during the run falls on both. Each measure resolves with one number for its round.
 * The result is the median of the rounds' ratios subject / baseline, with their range.
 */
const compareInRounds = ({ rounds, baseline, subject, onRound }) =>
  comparePairedRounds({
    rounds,
    onRound,
    round: async (index) => {
      if (index % 2 === 0) {
        const b = await baseline(index);
        return { baseline: b, subject: await subject(index) };
      }
      const s = await subject(index);
      return { baseline: await baseline(index), subject: s };
    },
  });

/**
 * Sends `count` requests with `concurrency` of them in flight at any time; resolves with each
 * one's latency in ms. `send(i)` resolves with { status, ms }; any status but `expected` fails.
 */
const closedLoop = async ({ concurrency, count, send, expected = 200, what = 'request' }) => {
  const latencies = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      const res = await send(index);
      if (res.status !== expected) {
        throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      latencies.push(res.ms);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
};

module.exports = { median, compareInRounds, comparePairedRounds, closedLoop };
