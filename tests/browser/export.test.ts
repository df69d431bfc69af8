/**
 * The export links of a search page in a real browser: Debian's Chromium
 * driven by playwright-core, over the BBC corpus. Clicking "CSV" downloads
 * every result of the search; the file is read back and compared with the
 * page. Screenshots go to test-results/screenshots/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex } from '../../src/index/build.ts';
import {
  type BrowserSession,
  chromiumAvailable,
  openBrowserSession,
  SHOTS,
} from '../helpers/browser.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const available = chromiumAvailable();

describe.skipIf(!available)('exporting from a search page in Chromium', () => {
  let session: BrowserSession;
  let url: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const bbc = await readCorpus(join(CORPORA, 'bbc'));
    const index = buildIndex(bbc.articles, createAnalyzer());
    session = await openBrowserSession(index, ['bbc'], { acceptDownloads: true });
    ({ page, problems } = session);
    url = session.url;
  }, 120_000);

  afterAll(() => session?.close());

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
