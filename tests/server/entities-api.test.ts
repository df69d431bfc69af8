/** People, places and organisations through the API: filters, facets and hits, as documented. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { article, engineOver } from '../helpers/engine.ts';
import { expectDocumented } from '../helpers/openapi-schema.ts';

const ARTICLES = [
  article('e/1', 'Blair in Iraq', 'Prime Minister Tony Blair flew to Baghdad. Mr Blair met OPEC.'),
  article('e/2', 'Brown on tax', 'Gordon Brown spoke in London. The Bank of England listened.'),
  article('e/3', 'Talks', 'Tony Blair and Gordon Brown met in London for talks with OPEC.'),
  article('e/4', 'Quiet day', 'nothing happened today.'),
];
const app = createApp(engineOver(ARTICLES));

describe('GET /api/search with people, places and organisations', () => {
  it('counts them as facets and gives each hit its entities, as documented', async () => {
    const { body } = await request(app).get('/api/search?q=').expect(200);
    expectDocumented('/api/search', 200, body);
    expect(body.facets.person).toEqual([
      { value: 'Gordon Brown', count: 2 },
      { value: 'Tony Blair', count: 2 },
    ]);
    expect(body.facets.org).toContainEqual({ value: 'OPEC', count: 2 });
    expect(body.facets.place).toContainEqual({ value: 'London', count: 2 });
    const first = body.hits.find((hit: { id: string }) => hit.id === 'e/1');
    expect(first.entities.people).toEqual(['Tony Blair']);
  });

  it.each([
    ['a person', '?person=tony%20blair', ['e/1', 'e/3']],
    ['any of two people', '?person=Tony%20Blair&person=Gordon%20Brown', ['e/1', 'e/2', 'e/3']],
    ['a place and an organisation', '?place=London&org=OPEC', ['e/3']],
    [
      'person: in the query',
      `?q=${encodeURIComponent('person:"Gordon Brown" -org:OPEC')}`,
      ['e/2'],
    ],
    ['a name no article has', '?org=Nobody', []],
  ])('filters by %s', async (_name, query, ids) => {
    const { body } = await request(app).get(`/api/search${query}`).expect(200);
    expectDocumented('/api/search', 200, body);
    expect(body.hits.map((hit: { id: string }) => hit.id).sort()).toEqual(ids);
    expect(body.total).toBe(ids.length);
  });

  it('refuses a filter given more than 20 times with 400 naming it', async () => {
    const query = Array.from({ length: 21 }, (_, i) => `person=p${i}`).join('&');
    const { body } = await request(app).get(`/api/search?${query}`).expect(400);
    expect(body.error.parameter).toBe('person');
    expectDocumented('/api/search', 400, body);
  });
});
