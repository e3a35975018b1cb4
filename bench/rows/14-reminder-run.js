'use strict';

/**
 * Row 14: one reminder run over 10,000 due pending recipients, its time and its memory.
 *
 * A link with 10,000 pending personal recipients (mailed beforehand through "Send invitation", in
 * batches of 1,000). Baseline: "Renew" with "Resend to everyone pending", which mails the same
 * 10,000 personal links through the send path in one request. Subject: the background run that
 * reminds them, started by setting the link's `remindBeforeDays` (the site runs its background
 * work every second), timed from that moment to the last reminder received by the local SMTP
 * sink (the wait for the next run, at most a second, included). The site's resident memory is sampled every 100 ms during each: its growth over the value
 * before shows that a run reads its recipients in batches instead of all at once.
 *
 * Correctness: every recipient gets exactly one reminder (no more after two more seconds of runs)
 * and one resend, each carrying a sign-up link.
 */
const { onEachDatabase } = require('../lib/site');
const { startSmtpSink } = require('../lib/smtp-sink');
const { expectStatus } = require('../lib/http');
const { FROM, EMAIL, recipients } = require('../lib/invitation-emails');
const format = require('../lib/format');

/**
 * A reminder costs one committed write more than a resend: its claim, before the email, which is
 * what makes it go once across instances. On SQLite (one connection, a sync per commit) that write
 * is most of the difference (measured: about 10 ms a claim in a test app); on PostgreSQL the run
 * costs about what the resend does.
 */
const TARGETS = { time: 2, rssGrowthMb: 150 };
const SEND_BATCH = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MB = 1024 * 1024;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `action`, sampling the site's resident memory meanwhile: its time (ms) and the peak growth (bytes). */
const withMemory = async (site, action) => {
  const before = site.rssBytes();
  let peak = before ?? 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, site.rssBytes() ?? 0);
  }, 100);
  const started = performance.now();
  try {
    await action();
  } finally {
    clearInterval(sampler);
  }
  return { ms: performance.now() - started, rssGrowth: before === null ? null : Math.max(0, peak - before) };
};

/** Waits until the sink holds `count` messages (checked every 50 ms). */
const waitForMessages = async (sink, count, timeoutMs) => {
  const deadline = Date.now() + timeoutMs;
  while ((await sink.count()) < count) {
    if (Date.now() > deadline) throw new Error(`the sink got ${await sink.count()} of ${count} messages`);
    await sleep(50);
  }
};

/** Each address got exactly one message, with a sign-up link in it; the problems otherwise. */
const checkOnePerAddress = async (sink, linkPrefix, emails, what) => {
  const { messages } = await sink.check(linkPrefix);
  const perAddress = new Map();
  for (const message of messages) perAddress.set(message.to[0], (perAddress.get(message.to[0]) ?? 0) + 1);
  const problems = [];
  if (messages.length !== emails.length) problems.push(`${what}: ${messages.length} messages for ${emails.length} recipients`);
  if (emails.some((email) => perAddress.get(email) !== 1)) problems.push(`${what}: not exactly one message per recipient`);
  if (messages.some((message) => !message.textHasLink)) problems.push(`${what}: a message without its sign-up link`);
  return problems;
};

const measure = (bench, sink, count) => async (site) => {
  const link = await site.createInvitation({ name: 'Row 14', maxUses: 100_000, days: 3 });
  const linkPrefix = link.url.slice(0, link.url.lastIndexOf('/') + 1);
  const emails = recipients(`reminder-${site.database.client}-${process.pid}`, count);
  for (let start = 0; start < emails.length; start += SEND_BATCH) {
    const batch = emails.slice(start, start + SEND_BATCH);
    const res = await site.admin('POST', `/invitations/invitations/${link.id}/send`, { emails: batch, personal: true, ...EMAIL });
    expectStatus(res, 200, 'send personal links');
  }
  bench.log(`${site.database.label}: ${format.count(count)} personal links sent`);

  await sink.clear();
  const renew = await withMemory(site, async () => {
    const expiresAt = new Date(Date.now() + 3 * DAY_MS).toISOString();
    const res = await site.admin('POST', `/invitations/invitations/${link.id}/renew`, { expiresAt, resend: true });
    expectStatus(res, 200, 'renew with resend');
    if (res.body.data.sent !== count) throw new Error(`renew resent ${res.body.data.sent} of ${count}`);
  });
  const problems = await checkOnePerAddress(sink, linkPrefix, emails, 'resend');

  await sink.clear();
  const run = await withMemory(site, async () => {
    expectStatus(
      await site.admin('PUT', `/invitations/invitations/${link.id}`, { remindBeforeDays: 5 }),
      200,
      'set remindBeforeDays'
    );
    await waitForMessages(sink, count, 20 * 60 * 1000);
  });
  // More runs meanwhile: none may send a second reminder.
  await sleep(2_000);
  problems.push(...(await checkOnePerAddress(sink, linkPrefix, emails, 'reminders')));

  const ratio = run.ms / renew.ms;
  const growthMb = run.rssGrowth === null ? null : run.rssGrowth / MB;
  const label = site.database.label;
  return [
    {
      measure: `${label}: one reminder run over ${format.count(count)} due pending recipients vs resending them all (Renew)`,
      baseline: format.seconds(renew.ms),
      subject: format.seconds(run.ms),
      ratio,
      met: problems.length === 0 && ratio <= TARGETS.time && (growthMb === null || growthMb <= TARGETS.rssGrowthMb),
      details: [
        `${label}: site memory growth (peak RSS over the value before): resend ${
          renew.rssGrowth === null ? 'n/a' : `${(renew.rssGrowth / MB).toFixed(1)} MB`
        }, reminder run ${growthMb === null ? 'n/a' : `${growthMb.toFixed(1)} MB`}`,
        problems.length
          ? `${label}: WRONG: ${problems.join(' / ')}`
          : `${label}: every recipient got exactly one resend and one reminder, each with its sign-up link`,
      ],
      ...(problems.length ? { correct: false } : {}),
    },
  ];
};

module.exports = {
  id: '14',
  title: 'One reminder run over 10,000 due pending recipients: time and memory',
  target: `run time ≤ ${TARGETS.time} × resending them all, site memory growth ≤ ${TARGETS.rssGrowthMb} MB`,

  async run(bench) {
    const count = bench.rounds(10_000, 1_000);
    const sink = await startSmtpSink();
    try {
      return await onEachDatabase(
        { env: { ...sink.env, EMAIL_FROM: FROM, INVITATIONS_REMINDER_INTERVAL_SECONDS: '1' } },
        measure(bench, sink, count)
      );
    } finally {
      await sink.stop();
    }
  },
};
