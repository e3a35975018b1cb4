'use strict';

/**
 * Row 7: personal links cost about what the shared link costs.
 *
 * Sending: "Send invitation" to 1000 new addresses with `personal: true` (a link row and a token
 * per recipient, written in batches before the emails, one email each with its own link) against
 * the same send of the shared link, to the same local SMTP server (lib/smtp-sink.js), on the same
 * site and database, in alternating rounds.
 *
 * Sign-up: a registration through a personal link (the token looked up among the recipients, the
 * address compared, the seat UPDATE, the once-only UPDATE of the recipient, its account recorded)
 * against one through the shared link, one at a time, in alternating rounds. The personal links
 * used are made and mailed beforehand; their tokens are read from the emails.
 *
 * Correctness: every send answers all sent, the sink gets one message per recipient carrying a
 * link to the sign-up page in its text and its HTML; personal links are each different and none is
 * the shared link. Afterwards the link's seats equal the sign-ups made and every personal link used
 * is accepted.
 */
const { onEachDatabase, newAccount } = require('../lib/site');
const { startSmtpSink } = require('../lib/smtp-sink');
const { compareInRounds, closedLoop, median } = require('../lib/stats');
const { expectStatus } = require('../lib/http');
const { FROM, EMAIL, recipients } = require('../lib/invitation-emails');
const format = require('../lib/format');

const TARGETS = { send: 1.3, signUp: 1.05 };
const RECIPIENTS = 1000;
const WARM_UP_RECIPIENTS = 100;
const WARM_UP_SIGN_UPS = 4;

/** The links in what the sink received, checked: one message per address, the link in both parts. */
const receivedLinks = async (sink, linkPrefix, emails) => {
  const { messages } = await sink.check(linkPrefix);
  const problems = [];
  if (messages.length !== emails.length) problems.push(`${messages.length} messages for ${emails.length} recipients`);
  const linkOf = new Map();
  for (const message of messages) {
    if (!message.textHasLink || !message.htmlHasLink) problems.push(`${message.to[0]}: the link is missing from a part`);
    linkOf.set(
      message.to[0],
      message.urls.find((url) => url.startsWith(linkPrefix))
    );
  }
  if (emails.some((email) => !linkOf.get(email))) problems.push('a recipient got no message with a link');
  return { linkOf, problems };
};

/** One send of `emails`, personal or shared; resolves with its time and the links each address got. */
const sendOnce = async (site, invitation, sink, emails, personal) => {
  await sink.clear();
  const res = expectStatus(
    await site.admin('POST', `/invitations/invitations/${invitation.id}/send`, { emails, personal, ...EMAIL }),
    200,
    `send invitation${personal ? ' (personal links)' : ''}`
  );
  const { sent, failed } = res.body.data;
  if (sent.length !== emails.length || failed.length) throw new Error(`send: ${sent.length} sent, ${failed.length} failed`);
  const linkPrefix = invitation.url.slice(0, invitation.url.lastIndexOf('/') + 1);
  const { linkOf, problems } = await receivedLinks(sink, linkPrefix, emails);
  const links = [...linkOf.values()];
  if (personal && (new Set(links).size !== links.length || links.includes(invitation.url))) {
    problems.push('personal links are not each their own');
  }
  if (!personal && links.some((link) => link !== invitation.url)) problems.push('a shared send carried another link');
  return { ms: res.ms, linkOf, problems };
};

const measureSends = async (bench, site, invitation, sink, problems) => {
  const send =
    (personal) =>
    async (label, count = RECIPIENTS) => {
      const side = personal ? 'personal' : 'shared';
      const result = await sendOnce(site, invitation, sink, recipients(`${side}-${label}`, count), personal);
      problems.push(...result.problems.map((problem) => `${side}: ${problem}`));
      return result.ms;
    };
  await send(false)('warm-up', WARM_UP_RECIPIENTS);
  await send(true)('warm-up', WARM_UP_RECIPIENTS);
  const rounds = bench.rounds(5, 2);
  const round = (label) => `${site.database.client}-${label}`;
  const result = await compareInRounds({
    rounds,
    baseline: (index) => send(false)(round(index)),
    subject: (index) => send(true)(round(index)),
    onRound: ({ round: index, ratio }) =>
      bench.log(`${site.database.label}, send, round ${index + 1}/${rounds}: ratio ${format.ratio(ratio)}`),
  });
  return {
    measure: `${site.database.label}: time to send ${format.count(RECIPIENTS)} invitations, personal links vs the shared link (${rounds} rounds)`,
    baseline: format.seconds(result.baseline),
    subject: format.seconds(result.subject),
    ratio: result.ratio,
    ratioRange: result.ratioRange,
    met: result.ratio <= TARGETS.send,
  };
};

/** Personal links for `count` new addresses, mailed: [{ email, token }]. */
const makePersonalLinks = async (site, invitation, sink, count) => {
  const emails = recipients(`signup-${site.database.client}-${process.pid}`, count);
  const { linkOf, problems } = await sendOnce(site, invitation, sink, emails, true);
  if (problems.length) throw new Error(`personal links for the sign-ups: ${problems.join('; ')}`);
  return emails.map((email) => ({ email, token: linkOf.get(email).split('/').pop() }));
};

const measureSignUps = async (bench, site, invitation, sink, cpu) => {
  const rounds = bench.rounds(5, 2);
  const count = bench.rounds(16, 8);
  const personalLinks = await makePersonalLinks(site, invitation, sink, WARM_UP_SIGN_UPS + rounds * count);
  const signUps =
    (personal, cpuPerRequest, batch = count) =>
    async () => {
      const links = personal ? personalLinks.splice(0, batch) : [];
      const cpuBefore = site.cpuMs();
      const latencies = await closedLoop({
        concurrency: 1,
        count: batch,
        what: personal ? 'sign-up through a personal link' : 'sign-up through the shared link',
        send: (index) =>
          site.register(
            personal
              ? { ...newAccount('personal'), email: links[index].email, invitationToken: links[index].token }
              : { ...newAccount('shared'), invitationToken: invitation.token }
          ),
      });
      if (cpuBefore !== null && cpuPerRequest) cpuPerRequest.push((site.cpuMs() - cpuBefore) / batch);
      return median(latencies);
    };
  // The first requests of a process pay for JIT compilation and lazy loading.
  await signUps(false, null, WARM_UP_SIGN_UPS)();
  await signUps(true, null, WARM_UP_SIGN_UPS)();
  const result = await compareInRounds({
    rounds,
    baseline: signUps(false, cpu.shared),
    subject: signUps(true, cpu.personal),
    onRound: ({ round, ratio }) =>
      bench.log(`${site.database.label}, sign-up, round ${round + 1}/${rounds}: ratio ${format.ratio(ratio)}`),
  });
  return {
    measure: `${site.database.label}: median sign-up latency, personal link vs the shared link (${count} × ${rounds} rounds, one at a time)`,
    baseline: format.ms(result.baseline),
    subject: format.ms(result.subject),
    ratio: result.ratio,
    ratioRange: result.ratioRange,
    met: result.ratio <= TARGETS.signUp,
  };
};

/** The seats taken are the sign-ups made, and every personal link used is accepted. */
const checkSeats = async (site, invitation) => {
  const { body } = expectStatus(await site.admin('GET', `/invitations/invitations/${invitation.id}`), 200, 'invitation');
  const accepted = expectStatus(
    await site.admin('GET', `/invitations/invitations/${invitation.id}/recipients?status=accepted&pageSize=1`),
    200,
    'recipients'
  ).body.pagination.total;
  return { usedCount: body.data.usedCount, redemptions: body.data.redemptionCount, accepted };
};

const measure = (bench, sink) => async (site) => {
  const role = await site.roleId('authenticated');
  // Sends go to the link of row 7's sign-ups too: its seats cover both.
  const invitation = await site.createInvitation({ name: 'Row 7', maxUses: 100_000, role });
  const problems = [];
  const cpu = { shared: [], personal: [] };
  const sendLine = await measureSends(bench, site, invitation, sink, problems);
  const signUpLine = await measureSignUps(bench, site, invitation, sink, cpu);
  const seats = await checkSeats(site, invitation);
  const signUpsMade = seats.redemptions;
  const seatsRight = seats.usedCount === signUpsMade && seats.accepted > 0;
  const correct = problems.length === 0 && seatsRight;
  const label = site.database.label;
  sendLine.details = [
    problems.length
      ? `${label}: WRONG: ${problems.slice(0, 5).join(' / ')}`
      : `${label}: every send checked (warm-up and rounds, both kinds): one message per recipient, a sign-up link in the text and the HTML, personal links each different`,
  ];
  signUpLine.details = [
    `${label}: ${seats.usedCount} seats taken for ${signUpsMade} accounts, ${seats.accepted} personal links accepted${seatsRight ? '' : ' — WRONG'}`,
    ...(cpu.shared.length
      ? [`${label}: site CPU per sign-up ${format.ms(median(cpu.shared))} shared, ${format.ms(median(cpu.personal))} personal`]
      : []),
  ];
  return [sendLine, signUpLine].map((line) => ({ ...line, ...(correct ? {} : { correct: false }) }));
};

module.exports = {
  id: '7',
  title: 'Personal links vs the shared link: sending 1000 invitations, and a sign-up',
  target: `send time ratio ≤ ${TARGETS.send}, sign-up latency ratio ≤ ${TARGETS.signUp}`,

  async run(bench) {
    const sink = await startSmtpSink();
    try {
      return await onEachDatabase({ env: { ...sink.env, EMAIL_FROM: FROM } }, measure(bench, sink));
    } finally {
      await sink.stop();
    }
  },
};
