'use strict';

/**
 * A local SMTP server for the bench, in a process of its own: whoever sends to it (the Strapi site,
 * or nodemailer in the bench's own process) then never shares a thread with it. It keeps each
 * message it accepts as received, unparsed, so that receiving costs the same for every sender and
 * little; `check` parses them afterwards, outside any timing.
 *
 * In the bench: `const sink = await startSmtpSink()`, then `sink.port`, `sink.clear()`,
 * `sink.check(link)`, `sink.count()`, `sink.stop()`.
 */
const { fork } = require('node:child_process');

/**
 * smtp-server waits 100 ms before its greeting, to catch clients that talk before it (a spam check
 * of public mail servers; smtp-server has no option to turn it off). The provider opens a new
 * connection for every message, so that pause alone would be 100 of the about 145 ms each message
 * takes here, for both senders alike, and would hide what the plugin adds. The sink greets at
 * once, as a local relay does.
 */
const greetAtOnce = (SMTPConnection) => {
  const { prototype } = SMTPConnection;
  if (
    typeof prototype.connectionReady !== 'function' ||
    !/setTimeout\(\(\) => this\.connectionReady\(\)/.test(String(prototype.init))
  ) {
    throw new Error('smtp-server no longer starts its connections as bench/lib/smtp-sink.js expects: update greetAtOnce');
  }
  prototype.init = function init() {
    this._setListeners(() => this.connectionReady());
  };
};

const runServer = () => {
  const { SMTPServer } = require('smtp-server');
  const { simpleParser } = require('mailparser');
  greetAtOnce(require('smtp-server/lib/smtp-connection.js').SMTPConnection);
  let received = [];
  let sessions = 0;
  // Messages between MAIL FROM and the end of their data: what a sender has in flight.
  let inFlight = 0;
  let maxInFlight = 0;
  const finish = (session) => {
    if (!session.inFlight) return;
    session.inFlight = false;
    inFlight -= 1;
  };

  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: 1024 * 1024,
    onConnect(_session, callback) {
      sessions += 1;
      callback();
    },
    onMailFrom(_address, session, callback) {
      session.inFlight = true;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      callback();
    },
    onClose: finish,
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((recipient) => recipient.address), raw: Buffer.concat(chunks) });
        finish(session);
        callback();
      });
    },
  });

  /**
   * What each message held: its envelope recipients, whether each part carries the link (or a
   * link starting with `link`, for personal links), and the addresses of its text.
   */
  const check = async (link) => {
    const messages = [];
    for (const { to, raw } of received) {
      const mail = await simpleParser(raw);
      const text = String(mail.text ?? '');
      messages.push({
        to,
        subject: mail.subject,
        bytes: raw.length,
        textHasLink: text.includes(link),
        htmlHasLink: String(mail.html || '').includes(`href="${link}`),
        urls: text.match(/https?:\/\/[^\s"<>]+/g) ?? [],
      });
    }
    return { messages, sessions, maxInFlight };
  };

  const handlers = {
    clear: () => {
      received = [];
      sessions = 0;
      maxInFlight = inFlight;
      return null;
    },
    check: ({ link }) => check(link),
    count: () => received.length,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };

  process.on('message', async ({ id, type, ...args }) => {
    try {
      process.send({ id, result: await handlers[type](args) });
    } catch (error) {
      process.send({ id, error: error.message });
    }
    if (type === 'stop') process.disconnect();
  });
  // Stopped, or the bench is gone (even killed): nothing is left to receive mail for.
  process.once('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () => process.send({ ready: true, port: server.server.address().port }));
};

/** Starts the sink's process; resolves once it listens. */
const startSmtpSink = async () => {
  const cleanup = require('./cleanup');
  const child = fork(__filename, ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const pending = new Map();
  let nextId = 0;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then((code) => {
    for (const call of pending.values()) call.reject(new Error(`the SMTP sink exited with ${code}`));
    pending.clear();
  });
  const port = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited with ${code} before listening`)));
    child.once('message', (message) => resolve(message.port));
  });
  child.on('message', ({ id, result, error }) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (error) call.reject(new Error(`SMTP sink: ${error}`));
    else call.resolve(result);
  });
  const ask = (type, args = {}) =>
    new Promise((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, { resolve, reject });
      child.send({ id: nextId, type, ...args });
    });
  const stop = cleanup.register(
    `SMTP sink on port ${port}`,
    async () => {
      await ask('stop');
      await exited;
    },
    () => child.kill('SIGKILL')
  );
  return {
    host: '127.0.0.1',
    port,
    /** What the playground needs to send through it with @strapi/provider-email-nodemailer. */
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) },
    clear: () => ask('clear'),
    /** The messages received since the last clear, parsed: { messages, sessions, maxInFlight }. */
    check: (link) => ask('check', { link }),
    /** How many messages were received since the last clear (cheap: nothing parsed). */
    count: () => ask('count'),
    stop,
  };
};

if (require.main === module && process.argv[2] === '--serve') runServer();

module.exports = { startSmtpSink };
