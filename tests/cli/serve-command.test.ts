import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/cli/serve-command.ts';
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
      quiet: true,
    });
    expect(parseServeArgs(['--cors', 'none']).cors).toBe(false);
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
