/**
 * Feeds and trends in a real browser: Debian's Chromium driven by
 * playwright-core over the Reuters corpus (dated, unlike BBC). The search
 * page links its Atom feed, the trends page draws a line per query and a
 * table, and a point opens the search for its month. Screenshots go to
 * test-results/screenshots/.
 */
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex } from '../../src/index/build.ts';
import { type BrowserSession, chromiumAvailable, openBrowserSession } from '../helpers/browser.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const available = chromiumAvailable();

describe.skipIf(!available)('feeds and trends in Chromium', () => {
  let session: BrowserSession;
  let url: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const reuters = await readCorpus(join(CORPORA, 'reuters21578'), {
      exclude: ['*.lc.txt', 'cat-descriptions*'],
    });
    const index = buildIndex(reuters.articles, createAnalyzer());
    session = await openBrowserSession(index, ['reuters21578'], {});
    ({ page, problems } = session);
    url = session.url.replace(/\/$/, '');
  }, 180_000);

  afterAll(() => session?.close());

  const shot = (name: string) => session.shot(name);

  it('links the feed of a search in the head and visibly, and the feed is Atom', async () => {
    await page.goto(`${url}/search?q=coffee&category=coffee`);
    const alternate = page.locator('link[rel="alternate"][type="application/atom+xml"]');
    const href = await alternate.getAttribute('href');
    expect(href).toBe('/search.atom?q=coffee&category=coffee');
    const visible = page.getByRole('link', { name: 'Feed', exact: true });
    await expect.poll(() => visible.isVisible()).toBe(true);
    expect(await visible.getAttribute('href')).toBe(href);
    await shot('feeds-1-search-with-feed-link');
    const response = await page.request.get(`${url}${href}`);
    expect(response.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseFeed(await response.text());
    expect(feed.meta.type).toBe('atom');
    expect(feed.items.length).toBeGreaterThan(10);
    const dates = feed.items.map((item) => item.published?.getTime() ?? 0);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('opens the trend of the query from the search page', async () => {
    await page.getByRole('link', { name: 'Trend of this query' }).click();
    await page.waitForURL(/\/trends\?q=coffee&category=coffee/);
    expect(await page.locator('svg.trend-chart .series').count()).toBe(1);
  });

  it('draws oil, gas and coffee over Reuters as three lines with a table, and a point opens that month', async () => {
    await page.goto(`${url}/trends`);
    const boxes = page.locator('.trend-boxes input');
    await boxes.nth(0).fill('oil');
    await boxes.nth(1).fill('gas');
    await boxes.nth(2).fill('coffee');
    await page.getByRole('button', { name: 'Draw' }).click();
    await page.waitForURL(/\/trends\?q=oil&q=gas&q=coffee/);
    expect(await page.locator('svg.trend-chart .series').count()).toBe(3);
    expect(await page.locator('svg.trend-chart .series path').count()).toBe(3);
    const rows = page.locator('table.trend-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await page.locator('table.trend-table thead th').allInnerTexts()).toEqual([
      'Month',
      'Dated articles',
      'oil',
      'gas',
      'coffee',
    ]);
    await expect.poll(() => page.locator('svg.trend-chart').isVisible()).toBe(true);
    await shot('feeds-2-trends-oil-gas-coffee');
    const point = page.locator('svg.trend-chart .series-0 a.point').nth(1);
    const label = (await point.getAttribute('aria-label')) ?? '';
    const month = /, (\d{4}-\d{2}):/.exec(label)?.[1] ?? '';
    const count = Number(/\(([\d,]+) of /.exec(label)?.[1]?.replaceAll(',', '') ?? 'NaN');
    expect(month).toMatch(/^1987-\d{2}$/);
    await point.click();
    await page.waitForURL(new RegExp(`/search\\?q=oil&from=${month}&to=${month}&collapse=off`));
    const shown = Number(
      (await page.locator('.summary strong').first().innerText()).replaceAll(',', ''),
    );
    expect(shown).toBe(count);
    await shot('feeds-3-point-opens-month');
  });

  it('says so when the queries match no dated article, and reports no browser errors', async () => {
    await page.goto(`${url}/trends?q=zzyzxqq&spell=off`);
    expect(await page.getByRole('heading', { name: 'Nothing to draw' }).isVisible()).toBe(true);
    await shot('feeds-4-trends-nothing');
    expect(problems).toEqual([]);
  });
});
