/**
 * The journeys' harness: one real server (fresh data folder, demo seed, free port) and one headless
 * Chromium per test file, a fresh browser context per test, and a screenshot of every open page when a
 * test fails (under e2e/artifacts/).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, type TestContext } from 'vitest';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'e2e', 'artifacts');
export const DEMO_PASSWORD = 'Tiegui@2024';
export const CHROMIUM_PATH = '/usr/bin/chromium';

const SERVER_START_TIMEOUT_MS = 90_000;

export interface TestServer {
  baseUrl: string;
  dataDir: string;
  /** Everything the server printed, for diagnostics. */
  output(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `server/src/main.ts start` on a free port with an empty data folder and waits for /api/health.
 * `env` adds variables for this server, e.g. `{ TIEGUI_DEMO_CAMPAIGN: 'draft' }`.
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiegui-e2e-'));
  // `npm run test:e2e` seeds the default demo once (TIEGUI_E2E_TEMPLATE); the server then starts on
  // a copy of it as on a second start. Another demo (options.env) is seeded by the server itself.
  const template = process.env.TIEGUI_E2E_TEMPLATE;
  if (template && !options.env?.TIEGUI_DEMO_CAMPAIGN && fs.existsSync(template))
    fs.cpSync(template, dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...options.env,
    TIEGUI_DATA_DIR: dataDir,
    PORT: String(port),
    TIEGUI_LOG: '0',
  };
  // The journeys always run on the embedded SQLite database of their own data folder.
  delete env.TIEGUI_DATABASE_URL;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'src', 'main.ts'), 'start'],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited(child);
      clearTimeout(killer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw new Error(
        `the server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${output}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not healthy after ${SERVER_START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { baseUrl, dataDir, output: () => output, stop };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
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
      '--lang=zh-CN',
    ],
  });
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Emulate a phone (touch, mobile meta viewport). */
  isMobile?: boolean;
}

export interface Journey {
  readonly baseUrl: string;
  readonly server: TestServer;
  /** A new page in its own browser context (own cookies), closed after the test. */
  newPage(options?: PageOptions): Promise<Page>;
}

function safeName(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);
}

/**
 * Registers the hooks of a journey file: server and browser for the file, contexts per test,
 * screenshots on failure. Call once at the top of the file; `env` goes to the server.
 */
export function useJourney(options: { env?: Record<string, string> } = {}): Journey {
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  let contexts: BrowserContext[] = [];
  // The last API answers of each page, printed with its screenshot when a test fails.
  const apiLogs = new Map<Page, string[]>();
  // What the browser refused under the Content-Security-Policy: every journey fails on one.
  let refused: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  }, SERVER_START_TIMEOUT_MS + 30_000);

  afterEach(async (context: TestContext) => {
    if (context.task.result?.state === 'fail') {
      const file = safeName(path.basename(context.task.file.name, '.e2e.test.ts'));
      const pages = contexts.flatMap((c) => c.pages());
      for (const [index, page] of pages.entries()) {
        const target = path.join(ARTIFACTS_DIR, `${file}--${safeName(context.task.name)}--${index + 1}.png`);
        try {
          await page.screenshot({ path: target, fullPage: true, timeout: 10_000 });
          console.error(`screenshot of ${page.url()} saved to ${path.relative(REPO_ROOT, target)}`);
          console.error(`its last API calls:\n  ${(apiLogs.get(page) ?? ['(none)']).join('\n  ')}`);
        } catch (error) {
          console.error(`could not save a screenshot of ${page.url()}: ${String(error)}`);
        }
      }
      if (server)
        console.error(`server output (last lines):\n${server.output().split('\n').slice(-30).join('\n')}`);
    }
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
    apiLogs.clear();
    const violations = refused;
    refused = [];
    expect(violations, 'the page broke its Content-Security-Policy').toEqual([]);
  }, 30_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  }, 30_000);

  const journey: Journey = {
    get server() {
      if (!server) throw new Error('the server is not started yet (use the journey inside a test)');
      return server;
    },
    get baseUrl() {
      return journey.server.baseUrl;
    },
    async newPage(options = {}) {
      if (!browser) throw new Error('the browser is not launched yet (use the journey inside a test)');
      const context = await browser.newContext({
        baseURL: journey.baseUrl,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        acceptDownloads: true,
        viewport: options.viewport ?? { width: 1366, height: 900 },
        isMobile: options.isMobile ?? false,
        hasTouch: options.isMobile ?? false,
      });
      context.setDefaultTimeout(15_000);
      contexts.push(context);
      const page = await context.newPage();
      const log: string[] = [];
      apiLogs.set(page, log);
      const note = (line: string) => {
        log.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
        if (log.length > 20) log.shift();
      };
      page.on('response', (r) => {
        const url = new URL(r.url());
        if (url.pathname.startsWith('/api/')) note(`${r.request().method()} ${url.pathname} → ${r.status()}`);
      });
      page.on('requestfailed', (r) =>
        note(`${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`),
      );
      page.on('pageerror', (e) => note(`page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && m.text().includes('Content Security Policy'))
          refused.push(`${page.url()}: ${m.text()}`);
      });
      return page;
    },
  };
  return journey;
}

/** Signs in through the login page and waits until the app has left /login. */
export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  expect(new URL(page.url()).pathname).not.toBe('/change-password');
}

/** A signed-in API client for setting up or looking up data outside the browser. */
export async function apiSession(baseUrl: string, username: string, password = DEMO_PASSWORD) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok)
    throw new Error(`login of ${username} failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async get<T>(apiPath: string, query: Record<string, string> = {}): Promise<T> {
      const qs = new URLSearchParams(query).toString();
      const res = await fetch(`${baseUrl}/api${apiPath}${qs ? `?${qs}` : ''}`, { headers: { cookie } });
      if (!res.ok) throw new Error(`GET ${apiPath} failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

/** Picks an option of the antd Select whose input has this id, by the option's visible label. */
export async function selectOption(page: Page, id: string, label: string | RegExp): Promise<void> {
  const item = page.locator('.ant-form-item').filter({ has: page.locator(`#${id}`) });
  await item.locator('.ant-select-selector').click();
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await (
    await settled(dropdown.locator('.ant-select-item-option').filter({ hasText: label }).first())
  ).click();
  await dropdown.waitFor({ state: 'hidden' });
}

/**
 * Waits for the answer of an API call the next actions make. It waits longer than an action does,
 * so when the action fails (a button that never became clickable), its own error is the one shown.
 */
export function answerOf(page: Page, method: string, path: RegExp) {
  return page.waitForResponse(
    (r) => r.request().method() === method && path.test(new URL(r.url()).pathname),
    { timeout: 40_000 },
  );
}

/**
 * Waits until the popup holding this element (a modal, a popover such as a Popconfirm, a dropdown)
 * has finished its opening animation. A click while it still zooms in can be lost: twice in CI a
 * confirmation's OK was clicked, the popup stayed open and nothing was sent (the point Playwright
 * computed was no longer the button when the click arrived on a starved machine).
 */
export async function settled(locator: Locator): Promise<Locator> {
  await locator.waitFor();
  await expect
    .poll(
      () =>
        locator.evaluate((el) => {
          const popup =
            el.closest(
              '.ant-modal, .ant-popover, .ant-select-dropdown, .ant-picker-dropdown, .ant-dropdown',
            ) ?? el;
          return popup.getAnimations().filter((a) => a.playState === 'running').length;
        }),
      { timeout: 10_000, interval: 50 },
    )
    .toBe(0);
  return locator;
}

/**
 * Clicks the button of the open confirmation dialog and waits until the dialog has closed (an OK
 * that runs a request closes when it is answered). A click that landed while the dialog was still
 * opening under a loaded CI machine once left it open with nothing sent; then it clicks once more.
 */
export async function confirm(page: Page, name: RegExp): Promise<void> {
  // modal.confirm's own class: a success dialog that follows is also an .ant-modal-confirm.
  const dialog = page.locator('.ant-modal-confirm-confirm');
  await dialog.waitFor();
  const button = dialog.getByRole('button', { name });
  await (await settled(button)).click();
  const closed = await dialog
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (closed) return;
  if (!(await button.getAttribute('class'))?.includes('ant-btn-loading')) {
    console.error('the confirmation dialog stayed open after its button was clicked: clicking it again');
    await button.click();
  }
  await dialog.waitFor({ state: 'hidden' });
}

/**
 * Types a date into the antd DatePicker whose input has this id, confirms it with Enter and waits
 * until the picker's panel has closed, so the next click cannot land on the panel.
 */
export async function typeDate(page: Page, id: string, date: string): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
  expect(await input.inputValue()).toBe(date);
}

/** The error antd shows under the form field whose input has this id ('' when there is none). */
export function fieldError(page: Page, id: string) {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.locator(`#${id}`) })
    .locator('.ant-form-item-explain-error');
}

/** The text of the first element a locator matches, trimmed ('' for none). */
export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.first().textContent()) ?? '').trim();
}
