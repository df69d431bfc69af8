/**
 * The export links of a search page in a real browser: Debian's Chromium
 * driven by playwright-core, over the BBC corpus. Clicking "CSV" downloads
 * every result of the search; the file is read back and compared with the
 * page. Screenshots go to test-results/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { createEngine } from '../../src/engine/engine.ts';
import { buildIndex } from '../../src/index/build.ts';
import { createApp } from '../../src/server/app.ts';
import { listen, serverUrl, shutdown } from '../../src/server/listen.ts';
import { snapshotInfo } from '../helpers/engine.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');
const available = existsSync(CHROMIUM);
if (!available) {
  if (process.env.CI)
    throw new Error(`${CHROMIUM} is missing; .ci/run installs it (apt-get install -y chromium)`);
  console.warn(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);
}

describe.skipIf(!available)('exporting from a search page in Chromium', () => {
  let server: Server;
  let url: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const bbc = await readCorpus(join(CORPORA, 'bbc'));
    const index = buildIndex(bbc.articles, createAnalyzer());
    const engine = createEngine({
      index,
      info: snapshotInfo(index, { corpora: ['bbc'] }),
      bytes: 0,
    });
    server = await listen(createApp(engine), { port: 0, host: '127.0.0.1' });
    url = serverUrl(server);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    await mkdir(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await shutdown(server, 1000);
  });

  it('offers every result of the search as CSV and JSON Lines, keeping its filters', async () => {
    await page.goto(`${url}search?q=general+election&category=politics&page=2`);
    const csv = page.locator('a.export-link', { hasText: 'CSV' });
    const jsonl = page.locator('a.export-link', { hasText: 'JSON Lines' });
    await expect.poll(() => csv.isVisible()).toBe(true);
    expect(await csv.getAttribute('href')).toBe(
      '/api/search.csv?q=general+election&category=politics',
    );
    expect(await jsonl.getAttribute('href')).toBe(
      '/api/search.jsonl?q=general+election&category=politics',
    );
    await page.locator('.follow').scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(SHOTS, 'export-1-links.png'),
      clip: { x: 0, y: 0, width: 1280, height: 360 },
    });
    expect(problems).toEqual([]);
  });

  it('downloads a CSV of every result, in the order of the pages', async () => {
    await page.goto(`${url}search?q=general+election`);
    const total = Number(
      (await page.locator('.summary strong').first().innerText()).replaceAll(',', ''),
    );
    const firstPage = await page.locator('.hit h2 a, .hit h3 a').allInnerTexts();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a.export-link', { hasText: 'CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('newsdesk-export.csv');
    const path = await download.path();
    const [header, ...rows] = parse(await readFile(path, 'utf8')) as string[][];
    expect(header?.slice(0, 3)).toEqual(['id', 'headline', 'date']);
    const partial = header?.indexOf('partial') ?? -1;
    expect(rows.filter((row) => row[partial] === 'false')).toHaveLength(total);
    if (firstPage.length > 0) {
      expect(rows.slice(0, firstPage.length).map((row) => row[1])).toEqual(firstPage);
    }
    expect(problems).toEqual([]);
  });
});
