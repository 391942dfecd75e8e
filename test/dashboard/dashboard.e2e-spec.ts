import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { HttpReceivers, SIGNING_SECRET, verifySignature } from '../notifications/support/receivers';
import { waitFor } from '../routing/support/wait';
import { ADMIN } from '../support/service-process';
import {
  type DashboardBrowser,
  launchBrowser,
  LAPTOP,
  logIn,
  PHONE,
  screenshot,
  type WatchedPage,
} from './support/browser';
import { type DashboardWorld, REST_ACCOUNT, startDashboardWorld, VIEWER } from './support/world';

/**
 * The dashboard in headless Chromium against the built service (npm run build) on Postgres with the
 * platform fakes: one browser, one admin page and one viewer page reused by every test, in order.
 */
const PAGES = [
  ['accounts', 'Accounts'],
  ['signals', 'Signals'],
  ['orders', 'Orders'],
  ['kill-switch', 'Kill switch'],
  ['connections', 'Accounts & connections'],
  ['registry', 'Registry'],
  ['simulator', 'Simulator'],
  ['notifications', 'Notifications'],
  ['system', 'System'],
] as const;

/** The signed webhook's path at the loopback receiver: a secret too (it is stored sealed, never shown). */
const HOOK_PATH = '/hooks/dash-hook-path-secret-81c2';

describe('dashboard in a real browser (built service, Postgres, platform fakes)', () => {
  let world: DashboardWorld;
  let browser: DashboardBrowser;
  let admin: WatchedPage;
  let page: Page;
  let receiver: HttpReceivers;

  beforeAll(async () => {
    [world, browser, receiver] = await Promise.all([
      startDashboardWorld(),
      launchBrowser(),
      new HttpReceivers().start(),
    ]);
    admin = await browser.open(LAPTOP);
    page = admin.page;
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await receiver?.close();
  });

  const go = async (p: Page, label: string) => {
    await p
      .getByRole('navigation', { name: 'Pages' })
      .getByRole('link', { name: label, exact: true })
      .click();
  };

  /** The page's panels are drawn and nothing is loading any more (the event stream never idles the network). */
  const settled = async (p: Page) => {
    await p.locator('main .panel').first().waitFor();
    await p.getByText('Loading…').first().waitFor({ state: 'detached' });
  };

  it('is served at / with the CSP; client routes get index.html; /api, /docs and /metrics are untouched', async () => {
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(world.svc.url + path, { headers });
    const root = await get('/');
    const html = await root.text();
    expect(root.status).toBe(200);
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const path of [
      '/signals/42',
      '/kill-switch',
      '/registry',
      '/simulator',
      '/simulator/7',
      '/notifications',
      '/accounts/3',
      '/connections/2',
    ]) {
      const r = await get(path);
      expect([path, r.status, await r.text()]).toEqual([path, 200, html]);
    }
    const missing = await get('/api/no-such-route');
    expect([missing.status, ((await missing.json()) as { statusCode: number }).statusCode]).toEqual([
      404, 404,
    ]);
    expect((await get('/no-such-page')).status).toBe(404);
    expect((await get('/docs-json')).status).toBe(200);
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await get(script, { 'accept-encoding': 'gzip' });
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('logs in with the JWT login and loads the first page in under 1 s', async () => {
    await logIn(page, world.svc.url, ADMIN);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    // runs in the page: the navigation's timing, from the request to the load event
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation' as never)[0] as unknown as {
        loadEventEnd: number;
        startTime: number;
      };
      return nav.loadEventEnd - nav.startTime;
    });
    expect(load).toBeGreaterThan(0);
    expect(load).toBeLessThan(1000);
  });

  it('creates a connection and an account from the UI; the next alert is routed to it at the fake', async () => {
    await go(page, 'Accounts & connections');
    await page.getByText('New connection', { exact: true }).click();
    const form = page.getByRole('form', { name: 'New connection' });
    await form.getByLabel('Name', { exact: true }).fill('dash-rest');
    await form.getByRole('combobox', { name: /^Platform/ }).selectOption('rest');
    await form.getByLabel('Base URL').fill(`${world.platforms.byFirm.FTMO.url}/v1`);
    await form.getByLabel('api_key').fill(world.platforms.connections.rest.credentials.api_key);
    await form.getByRole('button', { name: 'Create connection' }).click();
    const conn = page.getByLabel('Connection dash-rest');
    await conn.getByRole('button', { name: 'Test connection' }).click();
    await conn.getByRole('button', { name: `Use ${REST_ACCOUNT.id}` }).click();
    const account = page.getByRole('form', { name: 'New trading account' });
    expect(await account.getByLabel('Platform account id').inputValue()).toBe(REST_ACCOUNT.id);
    await account.getByLabel('Label', { exact: true }).fill('dash-ftmo');
    await account.getByRole('combobox', { name: /^Firm/ }).selectOption('FTMO');
    await account.getByRole('combobox', { name: /^Program/ }).selectOption({ index: 1 });
    await account.getByRole('combobox', { name: /^Sizing/ }).selectOption('fixed');
    await account.getByLabel('Contracts', { exact: true }).fill('1');
    await account.getByLabel('Tags (comma-separated)').fill('dash');
    await account.getByRole('button', { name: 'Create account' }).click();
    await page.getByLabel('Account dash-ftmo').waitFor();

    const taskId = await world.alert({ trade_id: 'dash-routed', symbol: 'NQ', side: 'buy', quantity: 1 });
    const order = await waitFor('the order at the REST fake', async () =>
      world.platforms.byFirm.FTMO.orders().find((o) => o.clientOrderId?.startsWith(`pr${taskId}-`)),
    );
    expect({ account: order.accountId, side: order.side, quantity: order.quantity }).toEqual({
      account: REST_ACCOUNT.id,
      side: 'BUY',
      quantity: 1,
    });
  });

  it('shows an alert in the Signals feed within 1 s with its per-account decisions, and a refused webhook', async () => {
    await go(page, 'Signals');
    await page.getByRole('heading', { name: 'Signals' }).waitFor();
    const sent = Date.now();
    await world.alert({ trade_id: 'dash-live', symbol: 'NQ', side: 'buy', quantity: 1 });
    const row = page.getByLabel('Signal dash-live');
    await row.getByText('ORDER_SENT').waitFor({ timeout: 1000 });
    expect(Date.now() - sent).toBeLessThan(1000);
    await row.getByText('dash-ftmo').first().waitFor({ timeout: 1000 });

    const refused = await fetch(`${world.svc.url}/api/webhooks/tradingview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ secret: 'not-the-secret', symbol: 'NQ', side: 'buy' }),
    });
    expect(refused.status).toBe(401);
    await page.getByRole('region', { name: 'Refused webhooks' }).getByText('401', { exact: true }).waitFor();
  });

  it('halts the account from the UI; the next alert is rejected by the halt rule', async () => {
    await go(page, 'Kill switch');
    const form = page.getByRole('form', { name: 'Set a halt' });
    await form.getByLabel('One account').check();
    await form.getByRole('combobox', { name: /^Account/ }).selectOption({ label: 'dash-ftmo (FTMO)' });
    await form.getByLabel('Reason').fill('dashboard test halt');
    await form.getByRole('button', { name: 'Halt', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await form
      .getByRole('status')
      .getByText(/Halt #\d+ set on account dash-ftmo/)
      .waitFor();
    await page
      .getByRole('row', { name: /dashboard test halt/ })
      .getByText(/^admin/)
      .waitFor();

    await go(page, 'Signals');
    await world.alert({ trade_id: 'dash-halted', symbol: 'NQ', side: 'buy', quantity: 1 });
    const row = page.getByLabel('Signal dash-halted');
    await row.getByText('TRADING_HALTED').waitFor();
    await row.getByText('REJECTED').first().waitFor();
  });

  it('adds a signed webhook channel from the UI; "Send test message" reaches the receiver, signed; the secret is never shown', async () => {
    await go(page, 'Notifications');
    await settled(page);
    await page.getByText('New channel', { exact: true }).click();
    const form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Name', { exact: true }).fill('dash-hook');
    await form.getByRole('combobox', { name: /^Type/ }).selectOption('webhook');
    await form.getByLabel('URL', { exact: true }).fill(receiver.url + HOOK_PATH);
    await form.getByLabel(/^Signing secret/).fill(SIGNING_SECRET);
    await form.getByLabel('Entry rejected by a risk rule').check();
    await form.getByRole('button', { name: 'Create channel' }).click();

    const row = page.getByLabel('Channel dash-hook', { exact: true });
    await row.getByText('secrets set: signing_secret, url', { exact: false }).waitFor();
    await row.getByText(/^Events: every event · every account$/).waitFor();
    await row.getByRole('button', { name: 'Send test message' }).click();
    await row.getByRole('status').getByText('Test message sent (status 200).').waitFor();
    const tests = receiver.on(HOOK_PATH).filter((r) => r.headers['x-proprouter-event'] === 'test');
    expect(tests).toHaveLength(1);
    // the receiver checks it as the README says: HMAC-SHA256 of "<timestamp>.<body>" with the signing secret
    expect(verifySignature(tests[0].headers, tests[0].body, SIGNING_SECRET)).toBe(true);
    expect(verifySignature(tests[0].headers, tests[0].body, 'another-secret-of-16-chars')).toBe(false);
    expect(JSON.parse(tests[0].body)).toMatchObject({ kind: 'test', title: 'PropRouter test message' });
    // the channel's health: the test went through its delivery path (test messages are not deliveries)
    await row.getByText(/last success \d/).waitFor();

    // the edit form says which secrets are set, never a value; an empty field keeps the stored one
    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('form', { name: 'Edit channel dash-hook' });
    await edit.getByText('empty keeps the stored value', { exact: false }).waitFor();
    expect(await edit.getByLabel(/^URL \(set\)/).inputValue()).toBe('');
    expect(await edit.getByLabel(/^Signing secret.*\(set\)/).inputValue()).toBe('');
    await edit.getByLabel('Name', { exact: true }).fill('dash-hook');
    await edit.getByRole('button', { name: 'Save channel' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByRole('button', { name: 'Send test message' }).click();
    await waitFor('the second signed test message', async () =>
      receiver.on(HOOK_PATH).filter((r) => r.headers['x-proprouter-event'] === 'test').length === 2
        ? true
        : undefined,
    );
    const html = await page.content();
    for (const secret of [SIGNING_SECRET, 'dash-hook-path-secret-81c2']) expect(html).not.toContain(secret);
    const answers = await world.api('GET', '/api/notifications/channels');
    expect(JSON.stringify(answers.body)).not.toContain(SIGNING_SECRET);
  });

  it('disables, enables and deletes channels only after a confirmation; a failing test shows its error', async () => {
    const other = await world.api('POST', '/api/notifications/channels', {
      name: 'dash-dead',
      type: 'discord',
      secrets: { webhook_url: `${receiver.url}/gone` },
    });
    expect(other.status).toBe(201);
    receiver.fail('/gone', { status: 404, body: { message: 'Unknown Webhook' }, times: 1 });
    await page.reload();
    const dead = page.getByLabel('Channel dash-dead', { exact: true });
    await dead.getByRole('button', { name: 'Send test message' }).click();
    await dead
      .getByRole('alert')
      .getByText(/^Test message failed: HTTP 404/)
      .waitFor();

    const hook = page.getByLabel('Channel dash-hook', { exact: true });
    await hook.getByRole('button', { name: 'Disable' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Disable channel dash-hook?' }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await hook.getByText('enabled', { exact: true }).waitFor();
    await hook.getByRole('button', { name: 'Disable' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await hook.getByText('disabled', { exact: true }).waitFor();
    await hook.getByRole('button', { name: 'Enable' }).click();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await hook.getByText('enabled', { exact: true }).waitFor();

    await dead.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('heading', { name: 'Delete channel dash-dead?' }).waitFor();
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await dead.waitFor({ state: 'detached' });
    expect((await world.api('GET', `/api/notifications/channels/${other.body.id}`)).status).toBe(404);
  });

  it("opens a notification's links: one account's card, a connection's row", async () => {
    const accounts = await world.api('GET', '/api/accounts');
    const account = (accounts.body.items as { id: number; label: string; connection_id: number }[]).find(
      (a) => a.label === 'dash-ftmo',
    )!;
    await page.goto(`${world.svc.url}/accounts/${account.id}`);
    await page.getByRole('heading', { name: `Account #${account.id}` }).waitFor();
    await page.getByRole('article', { name: 'Account dash-ftmo' }).waitFor();
    expect(await page.getByRole('article').count()).toBe(1);
    await page.getByRole('link', { name: 'Every account' }).click();
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();

    await page.goto(`${world.svc.url}/connections/${account.connection_id}`);
    const focused = page.locator('li[aria-current="true"]');
    await focused.getByLabel('Connection dash-rest').waitFor();
    expect(await focused.count()).toBe(1);
  });

  it('runs a simulation from an uploaded TradingView export: verdicts per program, a curve with its failure marked', async () => {
    await go(page, 'Simulator');
    const form = page.getByRole('form', { name: 'New simulation' });
    await form
      .getByLabel(/^Trade list file/)
      .setInputFiles(join(__dirname, '..', 'fixtures', 'simulator', 'tradingview-nq.csv'));
    // the export's "Trade #" header: recognised as TradingView's
    await waitFor('the format detected', async () =>
      (await form.getByRole('combobox', { name: 'Format' }).inputValue()) === 'tradingview'
        ? true
        : undefined,
    );
    await form.getByLabel(/^Symbol/).fill('NQ1!');
    await form.getByLabel(/^Time zone/).fill('America/New_York');
    await form.getByRole('combobox', { name: 'Programs' }).selectOption('firm:TOPSTEP');
    await form.getByLabel('Search the highest risk % that still passes').check();
    await form.getByLabel(/^Stop \(points/).fill('20');
    await form.getByRole('button', { name: 'Run simulation' }).click();

    const run = page.getByRole('region', { name: /^Run #\d+$/ });
    await run.getByRole('table').waitFor();
    expect(page.url()).toMatch(/\/simulator\/\d+$/);
    await run.getByText(/^3 trades \(tradingview\)/).waitFor();
    // the world's registry: Topstep 50k/100k/200k; trade 3 (2 NQ) goes 2,600 against on day 2
    expect(await run.locator('tbody tr').count()).toBe(3);
    const failed = run.getByRole('row', {
      name: 'Verdict TOPSTEP Topstep 50k Evaluation $50,000',
      exact: true,
    });
    await failed.getByText('FAILED', { exact: true }).waitFor();
    await failed
      .getByText(
        /^2026-03-04 .*, DAILY_LOSS_LIMIT: equity \$48,000\.00 vs limit \$48,100\.00 \(inside the trade\)$/,
      )
      .waitFor();
    await failed.getByText('−$2,600.00 on 2026-03-04').waitFor();
    const notYet = run.getByRole('row', {
      name: 'Verdict TOPSTEP Topstep 100k Evaluation $100,000',
      exact: true,
    });
    await notYet.getByText('NOT_YET', { exact: true }).waitFor();
    await notYet.getByText('−$1,400.00').waitFor();
    await notYet.getByText('3 replayed').waitFor(); // none refused, none sized down: no line for either
    expect(await notYet.getByText(/refused|sized down/).count()).toBe(0);
    await failed.getByRole('button', { name: /^Show the curve of / }).click();
    const curve = page.getByRole('figure', { name: /^Curve of / });
    await curve.locator('canvas').first().waitFor();
    expect(await curve.locator('canvas').count()).toBeGreaterThan(0);
    await curve
      .getByRole('img', { name: /drawdown floor and daily-loss line; marked: FAILED DAILY_LOSS_LIMIT$/ })
      .waitFor();
    await curve.getByText('Failure marked: FAILED DAILY_LOSS_LIMIT', { exact: false }).waitFor();
    await run.getByRole('button', { name: /^Show the curve of /, pressed: true }).waitFor();
    await page
      .getByRole('region', { name: 'Runs' })
      .getByRole('link', { name: /^Run #\d+$/ })
      .first()
      .waitFor();
    await screenshot(page, 'simulator-run-laptop');
    await page.setViewportSize(PHONE);
    await curve.locator('canvas').first().waitFor();
    await screenshot(page, 'simulator-run-phone');
    await page.setViewportSize(LAPTOP);
  });

  it('shows every problem of a bad trade list in the simulator form (the API 400), and adds no run', async () => {
    const other = await browser.open(LAPTOP);
    const p = other.page;
    await logIn(p, world.svc.url, ADMIN);
    await go(p, 'Simulator');
    await settled(p);
    const runs = await p.getByRole('region', { name: 'Runs' }).getByRole('link').count();
    const form = p.getByRole('form', { name: 'New simulation' });
    await form
      .getByLabel(/^Trade list file/)
      .setInputFiles(join(__dirname, '..', 'fixtures', 'simulator', 'bad-trades.csv'));
    await waitFor('the format detected', async () =>
      (await form.getByRole('combobox', { name: 'Format' }).inputValue()) === 'csv' ? true : undefined,
    );
    await form.getByRole('button', { name: 'Run simulation' }).click();
    const problems = form.getByRole('alert');
    for (const text of ['row 3, exit_time', 'row 3, side', 'row 3, quantity', 'row 3, exit_price'])
      await problems.getByText(text, { exact: false }).waitFor();
    expect(await problems.textContent()).not.toContain('row 2');
    expect(await p.getByRole('region', { name: 'Runs' }).getByRole('link').count()).toBe(runs);
    // the browser reports the refused request itself; nothing else
    expect(other.errors).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await other.context.close();
  });

  it('saves a screenshot of every page at laptop and phone width', async () => {
    for (const [viewport, size] of [
      ['laptop', LAPTOP],
      ['phone', PHONE],
    ] as const) {
      await page.setViewportSize(size);
      for (const [path, label] of PAGES) {
        await go(page, label);
        await settled(page);
        await screenshot(page, `${path}-${viewport}`);
      }
    }
    await page.setViewportSize(LAPTOP);
  });

  it('shows a viewer no admin control, and the API refuses them anyway', async () => {
    const viewer = await browser.open(PHONE);
    await logIn(viewer.page, world.svc.url, VIEWER);
    const controls =
      /^(Halt|Halt and flatten|Flatten|Clear|Create connection|Create account|Test connection|Edit|Disable|Enable|Import|Check import|Run simulation|Send test message|Delete|Create channel|Save channel)$/;
    for (const [, label] of PAGES) {
      await go(viewer.page, label);
      await settled(viewer.page);
      expect(await viewer.page.getByRole('button', { name: controls }).count()).toBe(0);
      expect(
        await viewer.page.getByText(/^New (connection|trading account|simulation|channel)$/).count(),
      ).toBe(0);
    }
    // the channels are read (what each gets, whether it works), not changed
    await go(viewer.page, 'Notifications');
    await viewer.page
      .getByLabel('Channel dash-hook', { exact: true })
      .getByText('secrets set: signing_secret, url', { exact: false })
      .waitFor();
    const token = (await viewer.page.evaluate('localStorage.getItem("proprouter.token")')) as string | null;
    const halt = await world.api('POST', '/api/risk/halts', { reason: 'viewer try' }, token!);
    const conn = await world.api(
      'POST',
      '/api/accounts/connections',
      { name: 'v', platform: 'rest' },
      token!,
    );
    const channels = await world.api('GET', '/api/notifications/channels', undefined, token!);
    const hook = (channels.body.items as { id: number; name: string }[]).find((c) => c.name === 'dash-hook')!;
    const test = await world.api('POST', `/api/notifications/channels/${hook.id}/test`, undefined, token!);
    expect([halt.status, conn.status, test.status]).toEqual([403, 403, 403]);
    expect((await world.api('GET', '/api/auth/me', undefined, token!)).body).toEqual({
      username: VIEWER.username,
      role: 'viewer',
      via: 'jwt',
    });
    expect(viewer.errors).toEqual([]);
    await viewer.context.close();
  });

  it('can be used from the keyboard: logs in with Tab and Enter, and every control on every page has a name', async () => {
    const kb = await browser.open(LAPTOP);
    const p = kb.page;
    await p.goto(`${world.svc.url}/accounts`);
    await p.getByLabel('Username').waitFor();
    /** The accessible name of the focused element: its label, aria-label or text (runs in the page). */
    const focused = () =>
      p.evaluate(`(() => {
        const el = document.activeElement;
        return (el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim();
      })()`);
    const tabTo = async (name: string) => {
      for (let i = 0; i < 20 && (await focused()) !== name; i++) await p.keyboard.press('Tab');
      expect(await focused()).toBe(name);
    };
    await tabTo('Username');
    await p.keyboard.type(ADMIN.username);
    await tabTo('Password');
    await p.keyboard.type(ADMIN.password);
    await p.keyboard.press('Enter');
    await p.getByRole('navigation', { name: 'Pages' }).waitFor();

    for (const [, label] of PAGES) {
      await go(p, label);
      await settled(p);
      // every visible control: a form field with a label (or aria-label), a button or link with a name
      const unnamed = (await p.evaluate(`[...document.querySelectorAll(
          'input, select, textarea, button, a[href], [role="button"]')]
        .filter((el) => el.offsetParent !== null && el.type !== 'hidden')
        .filter((el) => !((el.labels?.length ?? 0) > 0 ||
          !!el.getAttribute('aria-label')?.trim() ||
          !!el.getAttribute('aria-labelledby') ||
          !!el.getAttribute('title')?.trim() ||
          (!['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && !!el.textContent?.trim())))
        .map((el) => el.outerHTML.slice(0, 120))`)) as string[];
      expect([label, unnamed]).toEqual([label, []]);
    }
    expect(kb.errors).toEqual([]);
    await kb.context.close();
  });

  it('wrote no error to the browser console', () => {
    expect(admin.errors).toEqual([]);
  });
});
