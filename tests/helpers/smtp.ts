import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The envelope's recipients: who the SMTP server was asked to deliver to. */
  to: string[];
  mail: ParsedMail;
}

export interface TestSmtpServer {
  /** What the app needs to send here (see playground/config/plugins.ts). */
  env: Record<string, string>;
  received: ReceivedMail[];
  /** The most SMTP sessions that were open at the same time. */
  maxConcurrentSessions: () => number;
  /** Messages whose envelope recipients include `address` (case-insensitively). */
  receivedBy: (address: string) => ReceivedMail[];
  /**
   * Forgets the messages received, then waits (5 s at the most) for the sessions still open to
   * close, so that the next test's session count starts from none.
   */
  clear: () => Promise<void>;
  stop: () => Promise<void>;
}

const rejection = (message: string) => Object.assign(new Error(message), { responseCode: 550 });

/**
 * A real SMTP server on loopback that keeps every message it accepts. Recipients for which
 * `rejects(address)` is true are refused at RCPT TO with 550, as a mail server refuses an unknown
 * mailbox. A message for which `holds(message)` resolves to true is neither kept nor ever answered:
 * the sender cannot know it arrived (a test kills the sender meanwhile).
 */
export const startSmtpServer = async ({
  rejects = () => false,
  holds = () => false,
}: {
  rejects?: (address: string) => boolean;
  holds?: (message: ReceivedMail) => boolean | Promise<boolean>;
} = {}): Promise<TestSmtpServer> => {
  const received: ReceivedMail[] = [];
  let openSessions = 0;
  let maxOpenSessions = 0;
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      openSessions += 1;
      maxOpenSessions = Math.max(maxOpenSessions, openSessions);
      callback();
    },
    onClose() {
      openSessions -= 1;
    },
    onRcptTo(address, _session, callback) {
      callback(rejects(address.address) ? rejection(`5.1.1 <${address.address}>: Recipient address rejected`) : undefined);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const message = { to: session.envelope.rcptTo.map((recipient) => recipient.address), mail };
          if (await holds(message)) return;
          received.push(message);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port) },
    received,
    maxConcurrentSessions: () => maxOpenSessions,
    receivedBy: (address) => received.filter((message) => message.to.some((to) => to.toLowerCase() === address.toLowerCase())),
    clear: async () => {
      received.length = 0;
      const deadline = Date.now() + 5_000;
      while (openSessions > 0) {
        if (Date.now() > deadline) throw new Error(`${openSessions} SMTP session(s) still open 5 s after the test`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      maxOpenSessions = 0;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
