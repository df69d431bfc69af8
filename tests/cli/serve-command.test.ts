import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs, rateLimitNote } from '../../src/cli/serve-command.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { startServe } from '../helpers/serve-process.ts';
import { makeTemp, removeTemp, writeTextArticles } from '../helpers/temp-corpus.ts';

describe('newsdesk serve options', () => {
  it('defaults to port 3000 on localhost', () => {
    expect(parseServeArgs([])).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      cors: '*',
      budgetMs: 250,
      cacheMb: 32,
      exportCap: 100_000,
      metrics: 'local',
    });
  });

  it('reads every option', () => {
    expect(
      parseServeArgs([
        '--port=8080',
        '--host',
        '0.0.0.0',
        '--snapshot',
        's',
        '--corpus',
        'c',
        '--exclude',
        '*.md',
        '--cors',
        'https://a.example, https://b.example',
        '--budget',
        '500',
        '--rate-limit',
        '30',
        '--cache-mb',
        '8',
        '--export-cap',
        '5000',
        '--metrics',
        'on',
        '--quiet',
      ]),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      snapshot: 's',
      corpus: ['c'],
      exclude: ['*.md'],
      cors: ['https://a.example', 'https://b.example'],
      budgetMs: 500,
      workers: 2,
      rateLimit: 30,
      cacheMb: 8,
      exportCap: 5000,
      metrics: 'on',
      quiet: true,
    });
    expect(parseServeArgs(['--cors', 'none']).cors).toBe(false);
    expect(parseServeArgs(['--metrics', 'off']).metrics).toBe('off');
  });

  it.each([
    [['--host', '127.0.0.1'], 0],
    [['--host', '127.1.2.3'], 0],
    [['--host', 'localhost'], 0],
    [['--host', '::1'], 0],
    [['--host', '0.0.0.0'], 600],
    [['--host', '::'], 600],
    [['--host', '192.0.2.10'], 600],
    [['--host', '0.0.0.0', '--rate-limit', '0'], 0],
    [['--rate-limit', '120'], 120],
  ])('limits the API by default only off loopback: %j → %i a minute', (args, limit) => {
    const options = parseServeArgs(args);
    expect(options.rateLimit).toBe(limit);
    expect(rateLimitNote(options)).toMatch(limit > 0 ? `${limit} requests a minute` : /none/);
  });

  it('says which rate limit applies and why', () => {
    expect(rateLimitNote({ host: '127.0.0.1', rateLimit: 0 })).toBe(
      'API rate limit: none on a loopback address (--rate-limit N sets one)',
    );
    expect(rateLimitNote({ host: '0.0.0.0', rateLimit: 0 })).toBe(
      'API rate limit: none (--rate-limit 0)',
    );
    expect(rateLimitNote({ host: '0.0.0.0', rateLimit: 1200 })).toBe(
      'API rate limit: 1,200 requests a minute per client address',
    );
  });

  it('takes several corpus folders, and none when not given (the snapshot then names them)', () => {
    expect(parseServeArgs(['--corpus', 'a/bbc', '--corpus=b/reuters']).corpus).toEqual([
      'a/bbc',
      'b/reuters',
    ]);
    expect(parseServeArgs([]).corpus).toBeUndefined();
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--port', 'http'], /--port must be a whole number/],
    [['--cors', 'example.org'], /--cors must be \*, none or origins/],
    [['--budget', '1'], /--budget must be a whole number from 10/],
    [['--rate-limit=-1'], /--rate-limit must be a whole number from 0 to 1000000, not "-1"/],
    [['--rate-limit', 'fast'], /--rate-limit must be a whole number/],
    [['--rate-limit', '1.5'], /--rate-limit must be a whole number/],
    [['--cache-mb=-1'], /--cache-mb must be a whole number from 0 to 65536, not "-1"/],
    [['--export-cap', '0'], /--export-cap must be a whole number from 1/],
    [['--metrics', 'public'], /--metrics must be local, on or off, not "public"/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j naming the option', (args, message) => {
    try {
      parseServeArgs(args);
      expect.unreachable();
    } catch (error) {
      expect(isNewsdeskError(error, 'USAGE')).toBe(true);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('newsdesk serve', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTemp();
    await writeTextArticles(join(dir, 'corpus'), 'wire', 12);
  });
  afterAll(() => removeTemp(dir));

  it('builds a missing snapshot with progress, prints its URL, serves, and stops cleanly on SIGTERM', async () => {
    const server = await startServe([
      '--port',
      '0',
      '--corpus',
      join(dir, 'corpus'),
      '--snapshot',
      join(dir, 'index.snapshot'),
    ]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const home = await fetch(server.url);
    expect(home.status).toBe(200);
    const stats = (await (await fetch(`${server.url}api/stats`)).json()) as { articles: number };
    expect(stats.articles).toBe(12);
    const metrics = await (await fetch(`${server.url}metrics`)).text();
    expect(metrics).toMatch(/^newsdesk_index_articles 12$/m);
    const exported = await fetch(`${server.url}api/search.csv?q=`);
    expect(exported.headers.get('x-export-rows')).toBe('12');
    expect((await exported.text()).trim().split('\r\n')).toHaveLength(13);
    expect(server.stderr()).toContain('"event":"rebuilding"');
    expect(server.stderr()).toMatch(/indexing|articles/);
    expect(server.stderr()).toContain('"event":"request","method":"GET","path":"/"');
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.stderr()).toContain('"event":"shutdown","signal":"SIGTERM"');
  });

  it('says clearly when the port is taken', async () => {
    const first = await startServe([
      '--port',
      '0',
      '--snapshot',
      join(dir, 'index.snapshot'),
      '--quiet',
    ]);
    const port = new URL(first.url).port;
    const second = startServe(['--port', port, '--snapshot', join(dir, 'index.snapshot')]);
    await expect(second).rejects.toThrow(
      /exited with 5: [\s\S]*cannot listen on 127\.0\.0\.1:\d+: .*EADDRINUSE/,
    );
    expect(await first.stop()).toBe(0);
    expect(first.stderr()).not.toContain('"event":"request"');
  });
});
