import { afterEach, describe, expect, it } from 'vitest';
import { answerCall, describeCall, type SearcherCall } from '../../src/engine/calls.ts';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { loadedFrom, newsArticles } from '../helpers/engine.ts';

const open: Engine[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((engine) => engine.close()));
});

function engines(): { workers: Engine; inline: Engine } {
  const workers = createEngine(loadedFrom(newsArticles()), { workers: { size: 2 } });
  const inline = createEngine(loadedFrom(newsArticles()));
  open.push(workers, inline);
  return { workers, inline };
}

describe('searcher calls', () => {
  it('give the same completions on worker threads as on the main thread', async () => {
    const { workers, inline } = engines();
    for (const input of ['oil pri', 'elec', 'title:ban', 'zzz']) {
      expect(await workers.complete(input, 8)).toEqual(await inline.complete(input, 8));
    }
  });

  it('give the same article, related articles and highlights on worker threads', async () => {
    const { workers, inline } = engines();
    for (const [id, query] of [
      ['wire/001', 'oil'],
      ['wire/003', '"interest rates"'],
      ['wire/004', ''],
    ] as const) {
      const found = await workers.article(id, query);
      expect(found).toEqual(await inline.article(id, query));
      expect(found.article.id).toBe(id);
    }
  });

  it('refuse an unknown article with NOT_FOUND naming the id, from a worker', async () => {
    const { workers } = engines();
    const error = await workers.article('no/such', '').catch((e: unknown) => e);
    expect(isNewsdeskError(error) && error.code).toBe('NOT_FOUND');
    expect(String(error)).toContain('no/such');
  });

  it.each([
    [{ op: 'search', args: { query: 'oil' } }, 'the search "oil"'],
    [{ op: 'complete', args: { input: 'oil pri', limit: 8 } }, 'the completion of "oil pri"'],
    [{ op: 'article', args: { id: 'wire/001', query: 'oil' } }, 'the article "wire/001"'],
  ] satisfies [SearcherCall, string][])('name %j in messages as %s', (call, name) => {
    expect(describeCall(call)).toBe(name);
  });

  it('are answered by the searcher they are given', () => {
    const searcher = createSearcher(loadedFrom(newsArticles()).index);
    const answer = answerCall(searcher, { op: 'search', args: { query: 'oil' } });
    expect(answer).toMatchObject({ total: searcher.count('oil') });
  });
});
