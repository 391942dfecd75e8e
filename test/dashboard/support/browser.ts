import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/**
 * Debian's Chromium (`apt-get install chromium`, done by .ci/run when missing) driven by playwright-core,
 * which downloads no browser. One browser per test file; pages are reused across its tests.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the page screenshots go (.ci/run prints it); gitignored. */
export const SCREENSHOTS = join(__dirname, '..', 'screenshots');

export const LAPTOP = { width: 1366, height: 850 };
export const PHONE = { width: 390, height: 844 };

export interface DashboardBrowser {
  browser: Browser;
  /** A new context (its own storage: its own login) with a page that records console errors. */
  open(viewport?: { width: number; height: number }): Promise<WatchedPage>;
  close(): Promise<void>;
}

export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

/**
 * The flags keep Chromium off the network it cannot reach here (background, component and sync requests).
 * Its profile is new each launch: playwright starts Chromium with a fresh --user-data-dir of its own in the
 * temp directory (it refuses one passed in args) and deletes it on close.
 */
export async function launchBrowser(): Promise<DashboardBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async open(viewport = LAPTOP) {
      const context = await browser.newContext({ viewport, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      return { context, page, errors };
    },
    async close() {
      await browser.close();
    },
  };
}

/** Logs in through the form. */
export async function logIn(
  page: Page,
  url: string,
  user: { username: string; password: string },
): Promise<void> {
  await page.goto(`${url}/accounts`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
}

/** A small screenshot of the page as it is (JPEG, viewport only). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.jpg`), type: 'jpeg', quality: 60 });
}
