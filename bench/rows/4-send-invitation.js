'use strict';

/**
 * Row 4: "Send invitation" to 1000 recipients (POST /invitations/invitations/:id/send, one request)
 * against nodemailer sending the same 1000 messages itself, to the same local SMTP server.
 *
 * The site sends through @strapi/provider-email-nodemailer (the playground's choice when SMTP_HOST
 * and SMTP_PORT are set), which creates one nodemailer transport from its provider options. The
 * baseline does the same: the nodemailer the provider loads, one transport made with the same
 * options, the message the provider builds (same from, subject, text and html: the plugin's own
 * preview of the email), as many in flight as the plugin's `email.concurrency`. The SMTP server runs
 * in a process of its own (lib/smtp-sink.js). Subject and baseline alternate in each round, on each
 * database; each send goes to new addresses.
 *
 * Correctness, every send of both senders: 1000 messages received, exactly one for each recipient,
 * each carrying the invitation link in its text and as the href of its HTML; the plugin answers
 * with all 1000 sent and records a delivery for each.
 */
const path = require('node:path');
const { PLAYGROUND, ROOT } = require('../../scripts/lib');
const { withSite, onEachDatabase } = require('../lib/site');
const { startSmtpSink } = require('../lib/smtp-sink');
const { compareInRounds, closedLoop, median } = require('../lib/stats');
const { expectStatus } = require('../lib/http');
const format = require('../lib/format');
const { FROM, EMAIL, recipients: newRecipients } = require('../lib/invitation-emails');

const TARGET = 1.5;
const RECIPIENTS = 1000;
const WARM_UP_RECIPIENTS = 100;

/** The nodemailer that the playground's @strapi/provider-email-nodemailer loads, and its version. */
const providersNodemailer = () => {
  const providerDir = path.dirname(require.resolve('@strapi/provider-email-nodemailer/package.json', { paths: [PLAYGROUND] }));
  const resolve = (request) => require.resolve(request, { paths: [providerDir] });
  return { nodemailer: require(resolve('nodemailer')), version: require(resolve('nodemailer/package.json')).version };
};

/** The plugin's email concurrency as the sites get it (the playground keeps the default). */
const pluginConcurrency = () => require(path.join(ROOT, 'dist/server')).default.config.default.email.concurrency;

const recipients = (label, count = RECIPIENTS) => newRecipients(label, count);

/** The problems with what the sink received for `emails`; an empty list when all is right. */
const problemsIn = ({ messages }, emails, link, subject) => {
  const problems = [];
  if (messages.length !== emails.length) problems.push(`${messages.length} messages for ${emails.length} recipients`);
  const perRecipient = new Map(emails.map((email) => [email, 0]));
  for (const message of messages) {
    for (const to of message.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    if (message.to.length !== 1) problems.push(`a message addressed to ${message.to.length} recipients`);
    if (!message.textHasLink || !message.htmlHasLink)
      problems.push(`${message.to[0]}: the link is missing from the ${message.textHasLink ? 'HTML' : 'text'}`);
    if (message.subject !== subject) problems.push(`${message.to[0]}: subject ${JSON.stringify(message.subject)}`);
  }
  const wrongCounts = [...perRecipient].filter(([, count]) => count !== 1);
  if (wrongCounts.length)
    problems.push(
      `${wrongCounts.length} recipients did not get exactly one message (e.g. ${wrongCounts[0][0]}: ${wrongCounts[0][1]})`
    );
  return problems.slice(0, 5);
};

/** The plugin sending: one request to the send endpoint. Records the site's CPU time per message. */
const pluginSender = (site, invitation, cpuPerMessage, tally) => async (emails) => {
  const cpuBefore = site.cpuMs();
  const res = expectStatus(
    await site.admin('POST', `/invitations/invitations/${invitation.id}/send`, { emails, ...EMAIL }),
    200,
    'send invitation'
  );
  if (cpuBefore !== null) cpuPerMessage.push((site.cpuMs() - cpuBefore) / emails.length);
  const { sent, failed } = res.body.data;
  if (sent.length !== emails.length || failed.length) {
    throw new Error(`send invitation: ${sent.length} sent, ${failed.length} failed (${JSON.stringify(failed[0])})`);
  }
  tally.sent += emails.length;
  return res.ms;
};

/** nodemailer sending the message the provider builds for the plugin's call, `concurrency` at a time. */
const nodemailerSender = (transport, preview, concurrency, cpuPerMessage) => async (emails) => {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await closedLoop({
    concurrency,
    count: emails.length,
    expected: 250,
    what: 'nodemailer sendMail',
    send: async (index) => {
      const message = { from: FROM, to: emails[index], subject: preview.subject, text: preview.text, html: preview.html };
      const info = await transport.sendMail({ ...message, disableFileAccess: true, disableUrlAccess: true });
      return { status: Number(info.response.slice(0, 3)), body: info.response };
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpuBefore);
  cpuPerMessage.push((used.user + used.system) / 1000 / emails.length);
  return ms;
};

/** Sends to new addresses with `send` and checks what the sink received; resolves with the send's time. */
const checkedSend =
  ({ sink, invitation, subject, checks }) =>
  (side, send) =>
  async (label, count) => {
    const emails = recipients(`${side}-${label}`, count);
    await sink.clear();
    const ms = await send(emails);
    const received = await sink.check(invitation.url);
    checks.push({ side, received, problems: problemsIn(received, emails, invitation.url, subject) });
    return ms;
  };

/** The detail lines: what was checked, how the SMTP server saw both senders, CPU per message. */
const describe = (label, { checks, deliveries, tally, cpu }) => {
  const ofSide = (side) => checks.filter((check) => check.side === side).map((check) => check.received);
  const sum = (values) => values.reduce((total, value) => total + value, 0);
  const connectionsPerMessage = (side) =>
    (sum(ofSide(side).map((r) => r.sessions)) / sum(ofSide(side).map((r) => r.messages.length))).toFixed(2);
  const maxInFlight = (side) => Math.max(...ofSide(side).map((r) => r.maxInFlight));
  const size = (side) => format.kib(median(ofSide(side).flatMap((r) => r.messages.map((message) => message.bytes))));
  const failed = checks.filter((check) => check.problems.length);
  const deliveriesRight = deliveries.sent === tally.sent && deliveries.failed === 0;
  const received = failed.length
    ? failed.map((check) => `${check.side}: ${check.problems.join('; ')}`).join(' / ')
    : `each time one message per recipient (${format.count(RECIPIENTS)}, ${WARM_UP_RECIPIENTS} in the warm-up), the link in the text and the HTML`;
  return {
    correct: failed.length === 0 && deliveriesRight,
    details: [
      `${label}: ${checks.length} sends checked (both senders, warm-up and every round): ${received}; ` +
        `${deliveries.sent} deliveries recorded for ${tally.sent} sent by the plugin${deliveriesRight ? '' : ' — WRONG'}; ` +
        `message size ${size('plugin')} plugin, ${size('nodemailer')} nodemailer`,
      `${label}: SMTP connections per message: ${connectionsPerMessage('plugin')} plugin, ${connectionsPerMessage('nodemailer')} nodemailer; ` +
        `at most ${maxInFlight('plugin')} and ${maxInFlight('nodemailer')} messages in flight at once`,
      ...(cpu.plugin.length
        ? [
            `${label}: CPU per message: ${format.ms(median(cpu.plugin))} in the Strapi site, ${format.ms(median(cpu.nodemailer))} for nodemailer alone`,
          ]
        : []),
    ],
  };
};

const measure = (bench, sink, concurrency, nodemailer) => async (site) => {
  const invitation = await site.createInvitation({ name: 'Row 4', maxUses: 100_000 });
  const preview = expectStatus(
    await site.admin('POST', `/invitations/invitations/${invitation.id}/email-preview`, EMAIL),
    200,
    'email preview'
  ).body.data;
  // As the provider: one transport made from its options (playground/config/plugins.ts), reused.
  const transport = nodemailer.createTransport({ host: sink.host, port: sink.port, secure: false });
  const run = { checks: [], tally: { sent: 0 }, cpu: { plugin: [], nodemailer: [] } };
  const checked = checkedSend({ sink, invitation, subject: preview.subject, checks: run.checks });
  const viaPlugin = checked('plugin', pluginSender(site, invitation, run.cpu.plugin, run.tally));
  const viaNodemailer = checked('nodemailer', nodemailerSender(transport, preview, concurrency, run.cpu.nodemailer));

  // The first sends of a process pay for JIT compilation and lazy loading.
  await viaPlugin('warm-up', WARM_UP_RECIPIENTS);
  await viaNodemailer('warm-up', WARM_UP_RECIPIENTS);
  run.cpu.plugin.length = 0;
  run.cpu.nodemailer.length = 0;

  const rounds = bench.rounds(5, 2);
  const label = site.database.label;
  const result = await compareInRounds({
    rounds,
    baseline: (round) => viaNodemailer(`${site.database.client}-${round}`),
    subject: (round) => viaPlugin(`${site.database.client}-${round}`),
    onRound: ({ round, baseline, subject, ratio }) =>
      bench.log(
        `${label}, round ${round + 1}/${rounds}: ${format.seconds(subject)} / ${format.seconds(baseline)} = ${format.ratio(ratio)}`
      ),
  });
  transport.close();

  run.deliveries = expectStatus(
    await site.admin('GET', `/invitations/invitations/${invitation.id}`),
    200,
    'invitation'
  ).body.data.deliveries;
  const { correct, details } = describe(label, run);
  return [
    {
      measure: `${label}: time to send ${format.count(RECIPIENTS)} invitations, ${concurrency} at a time (${rounds} rounds)`,
      baseline: format.seconds(result.baseline),
      subject: format.seconds(result.subject),
      ratio: result.ratio,
      ratioRange: result.ratioRange,
      met: result.ratio <= TARGET,
      // A right run shows met or MISSED; a wrong one, WRONG (and the bench exits 1).
      ...(correct ? {} : { correct: false }),
      details,
    },
  ];
};

/** The SQL statements one more recipient costs: a send to 11 addresses against a send to 1. */
const countStatements = async (site) => {
  const invitation = await site.createInvitation({ name: 'Row 4 probe', maxUses: 100 });
  const send = (label, count) => () =>
    site.admin('POST', `/invitations/invitations/${invitation.id}/send`, { emails: recipients(label, count), ...EMAIL });
  await send('probe-warm', 2)();
  const one = await site.queriesOf(send('probe-one', 1));
  const eleven = await site.queriesOf(send('probe-eleven', 11));
  return `SQL statements per send (SQLite, admin authentication included): ${one} for 1 recipient, ${eleven} for 11, so ${format.count((eleven - one) / 10)} per recipient`;
};

module.exports = {
  id: '4',
  title: 'Sending an invitation to 1000 recipients vs nodemailer sending the same messages',
  target: `time ratio ≤ ${TARGET}`,

  async run(bench) {
    const { nodemailer, version } = providersNodemailer();
    const concurrency = pluginConcurrency();
    const sink = await startSmtpSink();
    try {
      const env = { ...sink.env, EMAIL_FROM: FROM };
      const lines = await onEachDatabase({ env }, measure(bench, sink, concurrency, nodemailer));
      lines[0].details.unshift(
        `nodemailer ${version} (the provider's), one transport with the provider's options (no pool); SMTP server: smtp-server on loopback, in a process of its own, greeting at once`,
        await withSite({ env, countQueries: true }, countStatements)
      );
      return lines;
    } finally {
      await sink.stop();
    }
  },
};
