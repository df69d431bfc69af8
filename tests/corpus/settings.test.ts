/**
 * A corpus folder's newsdesk.yml: what it may say, the errors that name its
 * line, and the articles it fills in (never over an article's own fields).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/read.ts';
import { parseFolderSettings, sameSettings } from '../../src/corpus/settings.ts';
import { walkCorpus } from '../../src/corpus/walk.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { staleReason } from '../../src/index/freshness.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot } from '../../src/index/snapshot.ts';
import { backdate, makeTemp, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

describe('parseFolderSettings', () => {
  it.each([
    ['source: BBC News\n', { source: 'BBC News' }],
    ['source: "  BBC   News "\n', { source: 'BBC News' }],
    ['category: news\n', { category: ['news'] }],
    ['category: [news, world, news]\n', { category: ['news', 'world'] }],
    ['language: en-GB\n', { language: 'en-GB' }],
    ['# only a comment\n', {}],
    ['', {}],
    [
      'source: BBC\ncategory: news\nlanguage: en\n',
      { source: 'BBC', category: ['news'], language: 'en' },
    ],
  ])('reads %j', (text, expected) => {
    expect(parseFolderSettings(text, 'bbc/newsdesk.yml')).toEqual(expected);
  });

  it.each([
    ['source: BBC\npublisher: x\n', /bbc\/newsdesk\.yml:2 has an unknown key "publisher"/],
    ['source: [a, b]\n', /newsdesk\.yml:1 "source" must be a non-empty text/],
    ['source: ""\n', /newsdesk\.yml:1 "source" must be a non-empty text/],
    ['\nlanguage: english please\n', /newsdesk\.yml:2 "language" must be a BCP 47 tag/],
    ['category: []\n', /newsdesk\.yml:1 "category" must name at least one category/],
    ['source: BBC\n  bad: : indent\n', /newsdesk\.yml:\d+ is not valid YAML/],
    ['- a list\n- not a map\n', /newsdesk\.yml:1 must be a mapping of keys/],
  ])('refuses %j, naming the file and line', (text, message) => {
    let thrown: unknown;
    try {
      parseFolderSettings(text, 'bbc/newsdesk.yml');
    } catch (error) {
      thrown = error;
    }
    expect(isNewsdeskError(thrown, 'CORPUS_SETTINGS')).toBe(true);
    expect((thrown as Error).message).toMatch(message);
  });

  it('either reads any text or refuses it with CORPUS_SETTINGS, never another error', () => {
    const keys = fc.constantFrom('source', 'category', 'language', 'other', '- x', '"q');
    const line = fc.tuple(keys, fc.string({ maxLength: 12 })).map(([k, v]) => `${k}: ${v}`);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(line, fc.string({ maxLength: 20 })), { maxLength: 6 }),
        (lines) => {
          try {
            const settings = parseFolderSettings(lines.join('\n'), 'x/newsdesk.yml');
            for (const value of Object.values(settings)) expect(value).toBeDefined();
          } catch (error) {
            expect(isNewsdeskError(error, 'CORPUS_SETTINGS')).toBe(true);
          }
        },
      ),
      { seed: 15, numRuns: 300 },
    );
  });

  it('tells records of settings apart, with no settings the same as none recorded', () => {
    expect(sameSettings(undefined, [null, null])).toBe(true);
    expect(sameSettings([{ source: 'a' }], [{ source: 'a' }])).toBe(true);
    expect(sameSettings([{ source: 'a' }], [{ source: 'b' }])).toBe(false);
    expect(sameSettings(undefined, [{ source: 'a' }])).toBe(false);
  });
});

describe('a corpus folder with a newsdesk.yml', () => {
  let root: string;
  let corpus: string;

  beforeEach(async () => {
    root = await makeTemp('newsdesk-settings-');
    corpus = join(root, 'desk');
    await writeBytes(
      join(corpus, 'newsdesk.yml'),
      'source: The Desk\ncategory: news\nlanguage: en-GB\n',
    );
    await writeBytes(
      join(corpus, 'plain.txt'),
      'Mill reopens\n\nThe old mill reopened on Sunday.\n',
    );
    await writeBytes(
      join(corpus, 'own.json'),
      JSON.stringify({ title: 'Oil up', body: 'Oil rose.', source: 'Wire', category: 'markets' }),
    );
    await writeBytes(join(corpus, 'sub/newsdesk.yml'), 'Not settings: only the root one is\n');
  });
  afterEach(() => removeTemp(root));

  it('gives its articles the source, category and language they do not name themselves', async () => {
    const { articles, problems, skipped, settings } = await readCorpus(corpus);
    const byId = new Map(articles.map((article) => [article.id, article]));
    expect(byId.get('plain')).toMatchObject({
      source: 'The Desk',
      category: ['news'],
      language: 'en-GB',
    });
    expect(byId.get('own')).toMatchObject({
      source: 'Wire',
      category: ['markets'],
      language: 'en-GB',
    });
    expect(settings).toEqual([{ source: 'The Desk', category: ['news'], language: 'en-GB' }]);
    expect(problems).toEqual([]);
    expect(skipped).toBe(1); // sub/newsdesk.yml: an ordinary file no parser reads
  });

  it('is not read as an article at the root, only below it', async () => {
    const names = (await walkCorpus(corpus)).map((file) => file.relPath);
    expect(names).not.toContain('newsdesk.yml');
    expect(names).toContain('sub/newsdesk.yml');
  });

  it('applies to its own folder only when several are read as one', async () => {
    const other = join(root, 'wire');
    await writeBytes(join(other, 'a.txt'), 'Gold falls\n\nGold fell.\n');
    const { articles, settings } = await readCorpus([corpus, other]);
    expect(articles.find((article) => article.id === 'wire/a')?.source).toBeUndefined();
    expect(articles.find((article) => article.id === 'desk/plain')?.source).toBe('The Desk');
    expect(settings).toEqual([{ source: 'The Desk', category: ['news'], language: 'en-GB' }, null]);
  });

  it('refuses the build with the file and line when it is not valid, and writes nothing', async () => {
    await writeBytes(join(corpus, 'newsdesk.yml'), 'source: The Desk\nsoruce: typo\n');
    const out = join(root, 'index.snapshot');
    await expect(rebuild({ corpus, out })).rejects.toThrow(
      /corpus settings .*desk\/newsdesk\.yml:2 has an unknown key "soruce"/,
    );
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  it('makes the snapshot stale when it changes, and the next build gives every article the new source', async () => {
    const out = join(root, 'index.snapshot');
    await backdate(corpus);
    const first = await rebuild({ corpus, out });
    expect(first.info.settings).toEqual([
      { source: 'The Desk', category: ['news'], language: 'en-GB' },
    ]);
    expect(await staleReason(first.info, corpus)).toBeUndefined();
    await writeBytes(join(corpus, 'newsdesk.yml'), 'source: The Newsroom\n');
    expect(await staleReason(first.info, corpus)).toMatch(/newsdesk\.yml changed/);
    const next = await rebuild({ corpus, out });
    expect(next.summary.mode).toBe('full');
    const { index } = await readSnapshot(out);
    const plain = index.store.article(index.store.docOf('plain') ?? -1);
    expect(plain).toMatchObject({ source: 'The Newsroom' });
    expect(plain.category).toBeUndefined();
  });
});
