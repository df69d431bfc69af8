import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { engineOver, HOSTILE, newsArticles } from '../helpers/engine.ts';

const app = createApp(engineOver(newsArticles()));

/** Markup from the article that must never reach a page unescaped. */
const RAW = ['<script>alert', '"onerror=', '<img src=x>', '<b>Desk</b>', 'href="javascript:'];

function expectEscaped(html: string) {
  for (const raw of RAW) expect(html).not.toContain(raw);
}

describe('an article with <script> and "onerror= in its headline and body', () => {
  it('renders escaped in the result list and its snippet', async () => {
    const { text } = await request(app).get('/search?q=oil+rally').expect(200);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('&quot;onerror=alert(2)');
    expect(text).toContain('&quot;onerror=alert(4) &lt;img src=x&gt;');
    expectEscaped(text);
  });

  it('renders escaped on the article page, highlighted or not', async () => {
    for (const path of ['/article/desk/hostile', '/article/desk/hostile?q=oil+script']) {
      const { text } = await request(app).get(path).expect(200);
      const unmarked = text.replaceAll(/<\/?mark>/g, '');
      expect(unmarked).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
      expectEscaped(text);
    }
  });

  it('is escaped in the API HTML fields and kept verbatim in the text fields', async () => {
    const { body } = await request(app).get('/api/search?q=onerror').expect(200);
    const hit = body.hits.find((h: { id: string }) => h.id === HOSTILE.id);
    expect(hit.title).toBe(HOSTILE.title);
    expect(hit.title_html).toContain('&lt;script&gt;');
    expect(hit.title_html).toContain('&quot;<mark>onerror</mark>=');
    expect(hit.snippet.html).not.toMatch(/<(?!\/?mark>)/);
    expect(hit.snippet.text).toContain('<img src=x>');
  });

  it('never links a javascript: URL from the article page', async () => {
    const { text } = await request(app).get('/article/desk/hostile').expect(200);
    expect(text).not.toContain('javascript:');
  });

  it('is escaped when a query echoes hostile text back', async () => {
    const query = '"><script>alert(6)</script>';
    const { text } = await request(app)
      .get(`/search?q=${encodeURIComponent(query)}`)
      .expect(200);
    expect(text).not.toContain('<script>alert(6)');
    expect(text).toContain('&#34;&gt;&lt;script&gt;alert(6)');
  });
});
