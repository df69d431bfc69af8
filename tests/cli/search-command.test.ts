import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { emphasize } from '../../src/cli/results.ts';
import { parseSearchArgs } from '../../src/cli/search-command.ts';
import { makeTemp, mixedCorpus, removeTemp } from '../helpers/temp-corpus.ts';

function capture(tty = false): { io: CommandIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const stream = (write: (text: string) => void) =>
    ({
      isTTY: tty,
      write: (chunk: string) => {
        write(chunk);
        return true;
      },
    }) as unknown as NodeJS.WriteStream;
  return {
    io: { stdout: stream((t) => (out += t)), stderr: stream((t) => (err += t)) },
    out: () => out,
    err: () => err,
  };
}

describe('newsdesk search', () => {
  let corpus: string;
  let dir: string;
  let snapshot: string;
  beforeAll(async () => {
    corpus = await mixedCorpus();
    dir = await makeTemp();
    snapshot = join(dir, 'index.snapshot');
    const { io } = capture();
    expect(await main(['index', '--corpus', corpus, '--out', snapshot, '--quiet'], io)).toBe(0);
  });
  afterAll(async () => {
    await removeTemp(corpus);
    await removeTemp(dir);
  });

  it('prints ranked results with headline, metadata and snippet', async () => {
    const { io, out } = capture();
    expect(await main(['search', 'drone', '--snapshot', snapshot], io)).toBe(0);
    expect(out()).toMatch(/^\d+ results? in [\d.]+ ms · page 1 of 1/);
    expect(out()).toMatch(/ {2}1\. .*\n {5}.*\n {5}.*drone/i);
    expect(out()).not.toContain('\u001b[1m');
  });

  it('prints the API structure with --json', async () => {
    const { io, out } = capture();
    expect(await main(['search', 'drone', '--snapshot', snapshot, '--json'], io)).toBe(0);
    const response = JSON.parse(out());
    expect(response).toMatchObject({ query: 'drone', page: 1, size: 10 });
    expect(response.hits[0]).toHaveProperty('snippet.html');
    expect(response.hits[0]).toHaveProperty('id');
  });

  it.each([
    [['x', '--limit', '0'], /--limit must be a whole number from 1 to 100, not "0"/],
    [['x', '--page', 'two'], /--page must be a whole number/],
    [['x', '--sort', 'best'], /--sort must be one of relevance, newest, oldest, not "best"/],
    [['x', '--from', '2004-13'], /--from must be a date/],
    [['x', '--spell', 'no'], /--spell must be on or off, not "no"/],
    [['x', '--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with a message naming the option', async (args, message) => {
    const { io, err } = capture();
    expect(await main(['search', ...args], io)).toBe(2);
    expect(err()).toMatch(message);
  });

  it('shows the respelled results of a query that finds nothing as typed, and keeps it with --spell off', async () => {
    const corrected = capture();
    expect(await main(['search', 'dronne', '--snapshot', snapshot], corrected.io)).toBe(0);
    expect(corrected.out()).toMatch(
      /^\d+ results? in .*\nShowing results for drone; search instead for dronne with --spell off\n/,
    );
    const typed = capture();
    const args = ['search', 'dronne', '--spell', 'off', '--snapshot', snapshot];
    expect(await main(args, typed.io)).toBe(0);
    expect(typed.out()).not.toContain('Showing results for');
    expect(typed.out()).toMatch(/^No results for "dronne"/);
  });

  it('says how to build the index when the snapshot is missing', async () => {
    const { io, err } = capture();
    expect(await main(['search', 'x', '--snapshot', join(dir, 'none.snapshot')], io)).toBe(4);
    expect(err()).toMatch(/none\.snapshot.*newsdesk index/);
  });

  it('reads from and to as the start and end of the named periods', () => {
    const { request } = parseSearchArgs(['oil', '--from', '2004', '--to', '2004-06']);
    expect(request.dates).toEqual({ from: Date.UTC(2004, 0, 1), to: Date.UTC(2004, 6, 1) });
  });

  it('emphasizes matches in bold only on a terminal', () => {
    expect(emphasize('oil price', [{ start: 0, end: 3 }], true)).toBe(
      '\u001b[1moil\u001b[22m price',
    );
    expect(emphasize('oil price', [{ start: 0, end: 3 }], false)).toBe('oil price');
  });
});
