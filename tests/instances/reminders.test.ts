import { testEnv } from '../helpers/env';
import { inDays } from '../helpers/fixtures';
import type { Knex } from 'knex';
import { connectDatabase, createTestDatabase, serverClient } from '../helpers/database';
import { adminClient, startPlayground, type AdminClient, type PlaygroundProcess } from '../helpers/server-process';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../helpers/smtp';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/strapi';

/**
 * Reminders run by the plugin itself in every `strapi start` process (Strapi's cron off), on one
 * PostgreSQL or MariaDB database: each due recipient gets exactly one reminder, whichever instance
 * claims it; and an instance killed after its claim, before the mail server answered, leaves a
 * claim that a later run takes over once it timed out, so the reminder still goes, once.
 */
jest.setTimeout(240_000);

const RECIPIENTS = 24;
const RECIPIENTS_TABLE = 'invitations_recipients';
const CRASH_ADDRESS = 'crash-victim@example.com';

let env: Record<string, string>;
let smtp: TestSmtpServer;
let db: Knex;
const running: PlaygroundProcess[] = [];
/** The instance the mail server kills when the crash reminder reaches it. */
let victim: PlaygroundProcess | undefined;

const isReminder = (message: ReceivedMail) => String(message.mail.subject).startsWith('Reminder:');
const remindersTo = (address: string) => smtp.receivedBy(address).filter(isReminder);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const start = async (extra: Record<string, string> = {}) => {
  const instance = await startPlayground({ ...env, ...extra });
  running.push(instance);
  return instance;
};
const stop = async (instance: PlaygroundProcess) => {
  running.splice(running.indexOf(instance), 1);
  await instance.stop();
};

/** Waits until `done()` holds (checked every 200 ms), at most `ms`. */
const waitFor = async (done: () => boolean | Promise<boolean>, ms: number, what: string) => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(200);
  }
};

/** A link with personal links sent to `emails`, no reminder yet (remindBeforeDays set later). */
const linkSentTo = async (admin: AdminClient, emails: string[]) => {
  const link = await admin.createLink({ maxUses: 100, expiresAt: inDays(3) });
  const sent = await admin.expectOk(`/invitations/invitations/${link.id}/send`, { body: { emails, personal: true } });
  expect(sent.data.sent).toHaveLength(emails.length);
  return link;
};
const remindFiveDaysBefore = (admin: AdminClient, id: number) =>
  admin.expectOk(`/invitations/invitations/${id}`, { method: 'PUT', body: { remindBeforeDays: 5 } });

const recipientRow = async (email: string) =>
  db(RECIPIENTS_TABLE).select('reminded_at', 'reminder_claimed_at').where('email', email).first();

beforeAll(async () => {
  if (!serverClient()) throw new Error('This suite needs DATABASE_CLIENT=postgres or mysql');
  await createTestDatabase();
  smtp = await startSmtpServer({
    // The crash: the instance dies once its reminder reached the mail server, before any answer.
    holds: async (message) => {
      if (!victim || !isReminder(message) || !message.to.includes(CRASH_ADDRESS)) return false;
      const killed = victim;
      victim = undefined;
      running.splice(running.indexOf(killed), 1);
      await killed.crash();
      return true;
    },
  });
  env = testEnv({
    DATABASE_NAME: process.env.DATABASE_NAME as string,
    DEMO_ADMIN_EMAIL: ADMIN_EMAIL,
    DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...smtp.env,
    INVITATIONS_REMINDER_INTERVAL_SECONDS: '1',
    CRON_ENABLED: 'false',
  });
  db = connectDatabase(env.DATABASE_NAME);
});

afterAll(async () => {
  await db?.destroy();
  await Promise.all(running.map((instance) => instance.stop()));
  await smtp?.stop();
});

test("two instances each running the reminders every second: each due recipient gets exactly one, with Strapi's cron off", async () => {
  // One after the other: the first creates the schema, the second finds it.
  const first = await start();
  const second = await start();
  const [admin, otherAdmin] = await Promise.all([adminClient(first.url), adminClient(second.url)]);
  const emails = Array.from({ length: RECIPIENTS }, (_, index) => `member-${index}@example.com`);
  const link = await linkSentTo(admin, emails);
  await remindFiveDaysBefore(otherAdmin, link.id);

  await waitFor(() => emails.every((email) => remindersTo(email).length > 0), 60_000, 'a reminder to each recipient');
  // Several more runs of both instances: nothing more goes out.
  await sleep(4_000);
  expect(emails.map((email) => [email, remindersTo(email).length])).toEqual(emails.map((email) => [email, 1]));
  const rows = await db(RECIPIENTS_TABLE).select('email', 'reminded_at').whereIn('email', emails);
  expect(rows.filter((row) => row.reminded_at === null)).toEqual([]);
  const detail = await admin.expectOk(`/invitations/invitations/${link.id}`);
  expect(detail.data.deliveries.latest.filter((delivery: { kind: string }) => delivery.kind === 'reminder')).toHaveLength(
    RECIPIENTS
  );
  await Promise.all([stop(first), stop(second)]);
});

test('an instance killed after its claim, before the send completed: after a restart the reminder goes once', async () => {
  // Its link is made while no instance could remind anyone: reminders off.
  const setup = await start({ INVITATIONS_BACKGROUND: 'false' });
  const link = await linkSentTo(await adminClient(setup.url), [CRASH_ADDRESS]);
  await stop(setup);

  victim = await start();
  const killed = victim;
  await remindFiveDaysBefore(await adminClient(killed.url), link.id);
  await waitFor(() => victim === undefined, 60_000, 'the instance to be killed by the mail server');
  expect(remindersTo(CRASH_ADDRESS)).toHaveLength(0);
  const claimed = await recipientRow(CRASH_ADDRESS);
  expect(claimed.reminder_claimed_at).not.toBeNull();
  expect(claimed.reminded_at).toBeNull();

  // A short claim timeout: the dead instance's claim expires within the test.
  const restarted = await start({ INVITATIONS_CLAIM_TIMEOUT_SECONDS: '2' });
  await waitFor(() => remindersTo(CRASH_ADDRESS).length > 0, 60_000, 'the reminder after the restart');
  await sleep(4_000);
  expect(remindersTo(CRASH_ADDRESS)).toHaveLength(1);
  expect((await recipientRow(CRASH_ADDRESS)).reminded_at).not.toBeNull();
  const detail = await (await adminClient(restarted.url)).expectOk(`/invitations/invitations/${link.id}`);
  expect(
    detail.data.deliveries.latest
      .filter((delivery: { kind: string }) => delivery.kind === 'reminder')
      .map((d: { status: string }) => d.status)
  ).toEqual(['sent']);
});
