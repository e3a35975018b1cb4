import { startSmtpServer, type TestSmtpServer } from './smtp';
import { startTestApp, type TestApp } from './strapi';

export interface MailApp {
  app: TestApp;
  smtp: TestSmtpServer;
  /** Stops the app and boots another with the same mail server and `env` (e.g. databaseOfThisRun()); resolves to it. */
  restart: (env: Record<string, string>) => Promise<TestApp>;
}

/**
 * One app for the whole test file (booted with `env` besides the mail server's), its mail going to a test SMTP server that refuses the
 * `nobody…` mailboxes at RCPT TO, as real servers refuse unknown addresses. `onStarted` receives
 * them; the server forgets what it received before each test; the app and the server stop after
 * the file's last test.
 */
export const useAppWithMailServer = (onStarted: (started: MailApp) => void, env: Record<string, string> = {}) => {
  let app: TestApp | undefined;
  let smtp: TestSmtpServer | undefined;
  beforeAll(async () => {
    const server = await startSmtpServer({ rejects: (address) => address.startsWith('nobody') });
    smtp = server;
    app = await startTestApp({ ...server.env, ...env });
    const restart = async (restartEnv: Record<string, string>) => {
      await app?.stop();
      app = await startTestApp({ ...server.env, ...env, ...restartEnv });
      return app;
    };
    onStarted({ app, smtp: server, restart });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });
  beforeEach(() => smtp?.clear());
};
