import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

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

export const newAdminContext = (browser: Browser, baseURL: string, locale: string): Promise<BrowserContext> =>
  browser.newContext({
    baseURL,
    locale,
    timezoneId: 'Europe/Paris',
    viewport: { width: 1440, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });

export const loginToAdmin = async (page: Page, email: string, password: string) => {
  await page.goto('/admin/auth/login');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 60_000 });
};

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../docs/screenshots');

/** Writes a screenshot for the README when SCREENSHOTS=true (npm run screenshots). */
export const saveScreenshot = async (page: Page, name: string) => {
  if (process.env.SCREENSHOTS !== 'true') return;
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
};
