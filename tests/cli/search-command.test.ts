import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
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
    [['x', '--all'], /--all needs --format csv or --format jsonl/],
    [['x', '--format', 'xml'], /--format must be one of text, json, csv, jsonl, not "xml"/],
    [['x', '--format', 'csv', '--json'], /--json and --format csv ask for different outputs/],
    [['x', '--format', 'csv', '--all', '--cap', '0'], /--cap must be a whole number from 1/],
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

  /** Every id of `query`, page by page through `--json`. */
  async function pagedIds(query: string): Promise<string[]> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const { io, out } = capture();
      const args = ['search', query, '--json', '--limit', '3', '--page', String(page)];
      expect(await main([...args, '--snapshot', snapshot], io)).toBe(0);
      const { hits } = JSON.parse(out()) as { hits: { id: string }[] };
      ids.push(...hits.map((hit) => hit.id));
      if (hits.length < 3) return ids;
    }
  }

  it('writes every result as CSV or JSON Lines with --all, in the order the pages list them', async () => {
    const paged = await pagedIds('the');
    expect(paged.length).toBeGreaterThan(3);
    const csv = capture();
    const args = ['search', 'the', '--all', '--snapshot', snapshot];
    expect(await main([...args, '--format', 'csv'], csv.io)).toBe(0);
    const [header, ...records] = parse(csv.out()) as string[][];
    expect(header?.[0]).toBe('id');
    expect(records.map((record) => record[0])).toEqual(paged);
    const jsonl = capture();
    expect(await main([...args, '--format', 'jsonl'], jsonl.io)).toBe(0);
    const lines = jsonl.out().trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(paged);
    expect(csv.err() + jsonl.err()).toBe('');
  });

  it('writes one page as rows without --all', async () => {
    const paged = await pagedIds('the');
    const { io, out } = capture();
    const args = ['search', 'the', '--format', 'jsonl', '--limit', '2', '--page', '2'];
    expect(await main([...args, '--snapshot', snapshot], io)).toBe(0);
    const ids = out()
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line).id);
    expect(ids).toEqual(paged.slice(2, 4));
  });

  it('says on stderr, never stdout, what the cap left out, and draws its progress bar there on a terminal', async () => {
    const { io, out, err } = capture(true);
    const args = ['search', 'the', '--all', '--format', 'jsonl', '--cap', '2'];
    expect(await main([...args, '--snapshot', snapshot], io)).toBe(0);
    const lines = out().trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(JSON.parse(line)).toHaveProperty('snippet');
    expect(err()).toMatch(/exporting/);
    expect(err()).toMatch(/2 of \d+ results written; the cap left out \d+ \(--cap N raises it\)/);
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
