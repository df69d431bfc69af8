import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { article, engineOver, newsArticles } from '../helpers/engine.ts';

const body = Array.from({ length: 120 }, (_, i) => `word${i.toString(36)}q`).join(' ');
const copies = [
  article('copy/1', 'Tanker fire closes strait', `Tanker fire ${body}`, { date: '1987-05-04' }),
  article('copy/2', 'Strait closed by tanker fire', `Tanker fire ${body}`, { date: '1987-05-05' }),
];
const app = createApp(engineOver([...newsArticles(), ...copies]));

describe('duplicate collapsing in the API', () => {
  it('lists one version per story with its cluster and how many it stands for', async () => {
    const { body: json } = await request(app).get('/api/search?q=tanker').expect(200);
    const tankers = json.hits.filter((hit: { id: string }) => hit.id.startsWith('copy/'));
    expect(tankers).toHaveLength(1);
    expect(tankers[0].cluster.size).toBe(2);
    expect(tankers[0].similar).toBe(1);
    expect(json.collapsed).toBe(1);
  });

  it('lists every copy with collapse=off, and one story with cluster=<id>', async () => {
    const off = (await request(app).get('/api/search?q=tanker&collapse=off').expect(200)).body;
    expect(off.hits.filter((hit: { id: string }) => hit.id.startsWith('copy/'))).toHaveLength(2);
    expect(off.collapsed).toBe(0);
    const id = off.hits.find((hit: { id: string }) => hit.id === 'copy/1').cluster.id;
    const one = (await request(app).get(`/api/search?q=tanker&cluster=${id}`).expect(200)).body;
    expect(one.hits.map((hit: { id: string }) => hit.id).sort()).toEqual(['copy/1', 'copy/2']);
  });

  it('refuses a collapse that is neither on nor off, and a cluster that is not a number', async () => {
    const bad = await request(app).get('/api/search?q=tanker&collapse=maybe').expect(400);
    expect(bad.body.error.parameter).toBe('collapse');
    await request(app).get('/api/search?q=tanker&cluster=x').expect(400);
  });
});

describe('duplicate collapsing on the search page', () => {
  it('shows "1 similar version" linking to the same search listing that story', async () => {
    const { text } = await request(app).get('/search?q=tanker').expect(200);
    const link = text.match(/<a href="([^"]*)">1 similar version<\/a>/);
    expect(link).not.toBeNull();
    const href = (link?.[1] ?? '').replaceAll('&amp;', '&');
    expect(href).toMatch(/^\/search\?q=tanker&cluster=\d+$/);
    const versions = await request(app).get(href).expect(200);
    expect(versions.text).toContain('fire closes strait');
    expect(versions.text).toContain('closed by');
    expect(versions.text).toContain('show every story');
  });
});
