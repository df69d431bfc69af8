/** Spelling on the pages and in the API: corrections, "did you mean", and spell=off. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { searchRequestFrom } from '../../src/server/params.ts';
import type { Article } from '../../src/types.ts';
import { article, engineOver } from '../helpers/engine.ts';
import { expectDocumented } from '../helpers/openapi-schema.ts';

/** `government` in 200 articles, 20 of them about borrowing; the slip `goverment` in one. */
function articles(): Article[] {
  const out = Array.from({ length: 200 }, (_, n) =>
    article(
      `wire/${n}`,
      `Report ${n}`,
      n < 20 ? 'The government plans more borrowing.' : 'The government met on Monday.',
    ),
  );
  out.push(article('wire/slip', 'Mint award', 'Awards go to whatever suits the goverment best.'));
  return out;
}

const app = createApp(engineOver(articles()));

describe('the spell parameter', () => {
  it.each([
    [{}, undefined],
    [{ spell: '' }, undefined],
    [{ spell: 'on' }, undefined],
    [{ spell: 'off' }, false],
  ])('%j asks for spell %s', (fields, spell) => {
    expect(searchRequestFrom({ q: 'oil', ...fields }).spell).toBe(spell);
  });
});

describe('spelling in the API', () => {
  it('answers the respelled results with corrected {from, to} when the words as typed find nothing', async () => {
    const { body } = await request(app).get('/api/search?q=goverment+borrowing').expect(200);
    expect(body.corrected).toEqual({ from: 'goverment borrowing', to: 'government borrowing' });
    expect(body.query).toBe('government borrowing');
    expect(body.total).toBe(20);
    expect(body.suggestion).toBeNull();
    expectDocumented('/api/search', 200, body);
  });

  it('keeps the query as typed with spell=off', async () => {
    const { body } = await request(app)
      .get('/api/search?q=goverment+borrowing&spell=off')
      .expect(200);
    expect(body.corrected).toBeNull();
    expect(body.query).toBe('goverment borrowing');
    expect(body.total).toBe(0);
    expectDocumented('/api/search', 200, body);
  });

  it('answers the typed results first and the suggestion when both find articles', async () => {
    const { body } = await request(app).get('/api/search?q=goverment').expect(200);
    expect(body.corrected).toBeNull();
    expect(body.suggestion).toEqual({ query: 'government', total: 200 });
    expect(body.hits[0].id).toBe('wire/slip');
    expectDocumented('/api/search', 200, body);
  });

  it('refuses a spell value other than on or off, naming the parameter', async () => {
    const { body } = await request(app).get('/api/search?q=oil&spell=maybe').expect(400);
    expect(body.error).toMatchObject({ code: 'BAD_PARAMETER', parameter: 'spell' });
    expect(body.error.message).toBe('spell must be on or off, not "maybe"');
    expectDocumented('/api/search', 400, body);
  });
});

describe('spelling on the search page', () => {
  it('shows the respelled results with a link that searches as typed', async () => {
    const { text } = await request(app).get('/search?q=goverment+borrowing').expect(200);
    expect(text).toContain(
      'Showing results for <a href="/search?q=government+borrowing">government borrowing</a> — search instead for <a href="/search?q=goverment+borrowing&amp;spell=off">goverment borrowing</a>',
    );
    expect(text).toContain('<strong>20</strong> results');
  });

  it('keeps spell=off in the links of a page searched as typed', async () => {
    const { text } = await request(app)
      .get('/search?q=goverment+borrowing&spell=off&sort=newest')
      .expect(200);
    expect(text).not.toContain('Showing results for');
    expect(text).toContain('href="/search?q=goverment+borrowing&amp;spell=off"');
  });

  it('offers "did you mean" below the typed results when both find articles', async () => {
    const { text } = await request(app).get('/search?q=goverment').expect(200);
    expect(text).toMatch(
      /Did you mean <a href="\/search\?q=government">government<\/a>\? \(200 results\)/,
    );
    expect(text.indexOf('Mint award')).toBeGreaterThan(0);
  });
});
