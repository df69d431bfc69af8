/**
 * The pages in a real browser: Debian's Chromium driven by playwright-core,
 * over the BBC corpus. BBC articles carry no dates, so the Reuters corpus is
 * loaded beside it to give the timeline bars to click. Screenshots go to
 * test-results/screenshots/.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex } from '../../src/index/build.ts';
import { type BrowserSession, chromiumAvailable, openBrowserSession } from '../helpers/browser.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const available = chromiumAvailable();

describe.skipIf(!available)('searching in Chromium', () => {
  let session: BrowserSession;
  let url: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const bbc = await readCorpus(join(CORPORA, 'bbc'));
    const reuters = await readCorpus(join(CORPORA, 'reuters21578'), {
      exclude: ['*.lc.txt', 'cat-descriptions*'],
    });
    const index = buildIndex([...bbc.articles, ...reuters.articles], createAnalyzer());
    session = await openBrowserSession(index, ['bbc', 'reuters21578'], {});
    ({ page, problems } = session);
    url = session.url;
  }, 120_000);

  afterAll(() => session?.close());

  const shot = (name: string) => session.shot(name);
  const summaryCount = async () =>
    Number((await page.locator('.summary strong').first().innerText()).replaceAll(',', ''));

  it('completes a query from the keyboard and shows highlighted results', async () => {
    await page.goto(url);
    await expect
      .poll(() =>
        page.locator('#q').evaluate((input) => input.ownerDocument.activeElement === input),
      )
      .toBe(true);
    await shot('1-home');
    await page.keyboard.type('electio', { delay: 40 });
    const options = page.locator('#q-suggestions [role="option"]');
    await options.first().waitFor();
    expect(await options.first().innerText()).toMatch(/^election/);
    await page.keyboard.press('ArrowDown');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#q').getAttribute('aria-activedescendant')).toBe('q-suggestion-0');
    await shot('2-autocomplete');
    await Promise.all([page.waitForURL(/\/search\?q=election/), page.keyboard.press('Enter')]);
    expect(await page.locator('.hit-title mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.snippet mark').count()).toBeGreaterThan(0);
    expect((await page.locator('.hit-title mark').first().innerText()).toLowerCase()).toMatch(
      /^election/,
    );
    await shot('3-results');
  });

  it('narrows the results with a facet and pages through them', async () => {
    const before = await summaryCount();
    const facet = page
      .locator('section.facet')
      .filter({ hasText: 'Category' })
      .locator('a')
      .first();
    const value = (await facet.locator('.facet-value').innerText()).trim();
    await Promise.all([page.waitForURL(/category=/), facet.click()]);
    expect(new URL(page.url()).searchParams.get('category')).toBe(value);
    const after = await summaryCount();
    expect(after).toBeLessThan(before);
    expect(await page.locator('.filters a').first().innerText()).toContain(value);
    await shot('4-facet');
    const firstOnPage1 = await page.locator('.hit-title a').first().innerText();
    await Promise.all([page.waitForURL(/page=2/), page.locator('a[rel="next"]').click()]);
    const params = new URL(page.url()).searchParams;
    expect(params.get('category')).toBe(value);
    expect(params.get('q')).toMatch(/^election/);
    expect(await page.locator('.pagination [aria-current="page"]').innerText()).toBe('2');
    expect(await page.locator('.hit-title a').first().innerText()).not.toBe(firstOnPage1);
    await shot('5-page-2');
  });

  it('opens an article with the query words highlighted', async () => {
    const link = page.locator('.hit-title a').first();
    const title = await link.innerText();
    await Promise.all([page.waitForURL(/\/article\//), link.click()]);
    expect(await page.locator('h1#article-title').innerText()).toBe(title);
    expect(await page.locator('.article-body mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.article-body p').count()).toBeGreaterThan(1);
    expect(await page.locator('.related li').count()).toBeGreaterThan(0);
    await shot('6-article');
  });

  it('goes to a period by clicking a timeline bar', async () => {
    await page.goto(`${url}search?q=oil`);
    const bars = page.locator('.timeline a.bar');
    expect(await bars.count()).toBeGreaterThan(1);
    const labels = await bars.evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('aria-label') ?? ''),
    );
    const busiest = labels
      .map((label, i) => ({
        i,
        month: label.slice(0, 7),
        count: Number(/: (\d+)/.exec(label)?.[1]),
      }))
      .sort((a, b) => b.count - a.count)[0];
    await Promise.all([page.waitForURL(/from=/), bars.nth(busiest?.i ?? 0).click()]);
    const params = new URL(page.url()).searchParams;
    expect(params.get('from')).toBe(busiest?.month);
    expect(params.get('to')).toBe(busiest?.month);
    expect(await summaryCount()).toBe(busiest?.count);
    const dates = await page
      .locator('.hit time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime') ?? ''));
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date.slice(0, 7)).toBe(busiest?.month);
    await shot('7-timeline');
  });

  it('fits a phone screen and breaks no Content-Security-Policy rule', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}search?q=general+election`);
    const overflow = await page
      .locator('html')
      .evaluate((root) => root.scrollWidth - root.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('8-phone');
    expect(problems).toEqual([]);
  });
});
