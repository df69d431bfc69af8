/**
 * The People, Places and Organisations facets in a real browser (Debian's
 * Chromium through playwright-core) over the BBC corpus: search, click a
 * person, the results are that person's and the filter shows as removable.
 * Screenshots go to test-results/screenshots/.
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

describe.skipIf(!available)('people, places and organisations in Chromium', () => {
  let session: BrowserSession;
  let url: string;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    const bbc = await readCorpus(join(CORPORA, 'bbc'));
    const index = buildIndex(bbc.articles, createAnalyzer());
    session = await openBrowserSession(index, ['bbc'], { viewport: { width: 1280, height: 1400 } });
    ({ page, problems } = session);
    url = session.url;
  }, 180_000);

  afterAll(() => session?.close());

  const shot = (name: string) => session.shot(name);
  const summaryCount = async () =>
    Number((await page.locator('.summary strong').first().innerText()).replaceAll(',', ''));

  it('filters the results by a person clicked in the People facet, and removes the filter again', async () => {
    await page.goto(`${url}search?q=election`);
    for (const label of ['People', 'Places', 'Organisations']) {
      await expect.poll(() => page.locator('section.facet h2', { hasText: label }).count()).toBe(1);
    }
    const before = await summaryCount();
    await shot('entities-1-facets');
    const person = page
      .locator('section.facet')
      .filter({ hasText: 'People' })
      .locator('li a')
      .first();
    const name = (await person.locator('.facet-value').innerText()).trim();
    const count = Number((await person.locator('.count').innerText()).replaceAll(',', ''));
    await Promise.all([page.waitForURL(/person=/), person.click()]);
    expect(new URL(page.url()).searchParams.get('person')).toBe(name);
    expect(await summaryCount()).toBe(count);
    expect(count).toBeLessThan(before);
    const filter = page.locator('.filters a', { hasText: name });
    expect(await filter.innerText()).toContain(`person: ${name}`);
    const chosen = page.locator('section.facet').filter({ hasText: 'People' }).locator('a.active');
    expect((await chosen.locator('.facet-value').innerText()).trim()).toBe(`✓ ${name}`);
    await shot('entities-2-person');
    await Promise.all([page.waitForURL((at) => !at.search.includes('person=')), filter.click()]);
    expect(await summaryCount()).toBe(before);
    expect(problems).toEqual([]);
  });

  it('filters by person: in the query the same way', async () => {
    await page.goto(`${url}search?q=${encodeURIComponent('person:"Tony Blair" election')}`);
    const total = await summaryCount();
    expect(total).toBeGreaterThan(0);
    await page.goto(`${url}search?q=election&person=tony%20blair`);
    expect(await summaryCount()).toBe(total);
    await shot('entities-3-query');
  });
});
