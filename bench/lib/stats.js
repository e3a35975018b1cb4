'use strict';

const median = (values) => {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Measures a baseline and a subject in `rounds` rounds, the two back to back in each round and
 * in alternating order (baseline first, then subject first...), so that a load change on the
 * machine during the run falls on both. Each measure resolves with one number for its round.
 * The result is the median of the rounds' ratios subject / baseline, with their range.
 */
const compareInRounds = async ({ rounds, baseline, subject, onRound = () => {} }) => {
  const baselines = [];
  const subjects = [];
  const ratios = [];
  for (let round = 0; round < rounds; round += 1) {
    let b;
    let s;
    if (round % 2 === 0) {
      b = await baseline(round);
      s = await subject(round);
    } else {
      s = await subject(round);
      b = await baseline(round);
    }
    baselines.push(b);
    subjects.push(s);
    ratios.push(s / b);
    onRound({ round, baseline: b, subject: s, ratio: s / b });
  }
  return {
    baseline: median(baselines),
    subject: median(subjects),
    ratio: median(ratios),
    ratioRange: [Math.min(...ratios), Math.max(...ratios)],
    rounds,
  };
};

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

module.exports = { median, compareInRounds, closedLoop };
