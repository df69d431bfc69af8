/**
 * The browser tests' common set-up: Debian's Chromium driven by
 * playwright-core, one page on a server over an index built in the test,
 * bound to 127.0.0.1 on a free port. Screenshots go to
 * test-results/screenshots/ (look at them).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createEngine } from '../../src/engine/engine.ts';
import type { NewsIndex } from '../../src/index/build.ts';
import { createApp } from '../../src/server/app.ts';
import { listen, serverUrl, shutdown } from '../../src/server/listen.ts';
import { snapshotInfo } from './engine.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

/**
 * Whether Chromium is installed. Without it the browser tests are skipped
 * with a printed reason, except under CI, where .ci/run installs it and its
 * absence is an error.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI)
    throw new Error(`${CHROMIUM} is missing; .ci/run installs it (apt-get install -y chromium)`);
  console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
  return false;
}

/** A server and a browser page on it. */
export interface BrowserSession {
  /** The server's address, ending in `/`. @example 'http://127.0.0.1:41234/' */
  url: string;
  browser: Browser;
  page: Page;
  /** The page's console errors and warnings and uncaught errors, as they come. */
  problems: string[];
  /** A full-page screenshot `name`.png in `SHOTS`. */
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** How the session's page is opened. */
export interface PageOptions {
  /** @example { width: 1280, height: 900 } */
  viewport?: { width: number; height: number };
  /** Let the page download files (an export). @example true */
  acceptDownloads?: boolean;
}

/** Serve `index` (built from `corpora`) and open one Chromium page on it. */
export async function openBrowserSession(
  index: NewsIndex,
  corpora: string[],
  options: PageOptions = {},
): Promise<BrowserSession> {
  const engine = createEngine({ index, info: snapshotInfo(index, { corpora }), bytes: 0 });
  const server = await listen(createApp(engine), { port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  await mkdir(SHOTS, { recursive: true });
  return {
    url: serverUrl(server),
    browser,
    page,
    problems,
    shot: (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true }),
    async close() {
      await browser.close();
      await shutdown(server, 1000);
    },
  };
}
