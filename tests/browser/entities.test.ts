/**
 * The People, Places and Organisations facets in a real browser (Debian's
 * Chromium through playwright-core) over the BBC corpus: search, click a
 * person, the results are that person's and the filter shows as removable.
 * Screenshots go to test-results/screenshots/.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
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

describe.skipIf(!available)('people, places and organisations in Chromium', () => {
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
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    await mkdir(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await shutdown(server, 1000);
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
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
