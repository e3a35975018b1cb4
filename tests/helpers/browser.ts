import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testEnv } from './env';
import { adminClient, startPlayground, type AdminClient, type PlaygroundProcess } from './server-process';
import { startSmtpServer, type TestSmtpServer } from './smtp';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './strapi';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with nothing that reaches outside this machine. Playwright gives
 * each launch a fresh profile directory of its own.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });

/**
 * A page of a new browser context in `locale` (e.g. 'fr-FR'), with the admin panel set to that
 * locale's language ('fr'), logged in to the admin panel at `baseURL` as the super admin
 * (ADMIN_EMAIL, ADMIN_PASSWORD): it shows the admin's home page.
 */
export const openAdminPage = async (browser: Browser, baseURL: string, locale: string): Promise<Page> => {
  const context = await browser.newContext({
    baseURL,
    locale,
    timezoneId: 'Europe/Paris',
    viewport: { width: 1440, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const language = locale.split('-')[0];
  await context.addInitScript((lang) => window.localStorage.setItem('strapi-admin-language', lang), language);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto('/admin/auth/login');
  await page.fill('input[name=email]', ADMIN_EMAIL);
  await page.fill('input[name=password]', ADMIN_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 });
  return page;
};

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../docs/screenshots');

/** Writes a screenshot for the README when SCREENSHOTS=true (npm run screenshots). */
export const saveScreenshot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS !== 'true') return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
};

/** The playground started for real with a mail server, Chromium, and the admin API logged in. */
export interface SiteWithMail {
  smtp: TestSmtpServer;
  server: PlaygroundProcess;
  browser: Browser;
  admin: AdminClient;
  stop: () => Promise<void>;
}

/**
 * Starts what a browser suite that sends email needs; `smtpOptions` as for startSmtpServer. What
 * started is stopped again if a later part fails to start.
 */
export const startSiteWithMail = async (smtpOptions?: Parameters<typeof startSmtpServer>[0]): Promise<SiteWithMail> => {
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne();
  };
  try {
    const smtp = await startSmtpServer(smtpOptions);
    stops.push(() => smtp.stop());
    const server = await startPlayground(
      testEnv({ NODE_ENV: 'production', DEMO_ADMIN_EMAIL: ADMIN_EMAIL, DEMO_ADMIN_PASSWORD: ADMIN_PASSWORD, ...smtp.env })
    );
    stops.push(() => server.stop());
    const browser = await launchChromium();
    stops.push(() => browser.close());
    return { smtp, server, browser, admin: await adminClient(server.url), stop };
  } catch (error) {
    await stop();
    throw error;
  }
};
