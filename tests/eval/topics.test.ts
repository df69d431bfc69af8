import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import type { EvalQuery, Qrels } from '../../src/eval/topics.ts';
import { parseQrels, parseQueries, readQrels, readQueries } from '../../src/eval/topics.ts';
import { FIXTURES, SHARED } from '../helpers/temp-corpus.ts';

const EVAL_FIXTURES = join(FIXTURES, 'eval');
const REUTERS_TOPICS = join(SHARED, 'eval', 'reuters-topics');

/** The error `action` throws, or fails the test when it throws nothing. */
function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

/** Qrels from `query: {doc: grade}` objects. */
const qrelsOf = (judged: Record<string, Record<string, number>>): Qrels =>
  new Map(
    Object.entries(judged).map(([query, grades]) => [query, new Map(Object.entries(grades))]),
  );

const crude: EvalQuery = { id: 'r01', text: 'crude oil prices' };
const grain: EvalQuery = { id: 'r02', text: 'grain exports' };

describe('parseQueries', () => {
  it.each([
    [
      'a topic column, which it ignores',
      'r01\tcrude oil prices\tcrude\nr02\tgrain exports\tgrain\n',
    ],
    ['no topic column', 'r01\tcrude oil prices\nr02\tgrain exports'],
    ['CRLF line ends', 'r01\tcrude oil prices\tcrude\r\nr02\tgrain exports\tgrain\r\n'],
    [
      'comments and blank lines',
      '# id, query\n\nr01\tcrude oil prices\n  \n  # more\nr02\tgrain exports\n',
    ],
    ['a byte-order mark', '\uFEFFr01\tcrude oil prices\nr02\tgrain exports\n'],
    ['spaces around the fields', ' r01 \t crude oil prices \t crude\nr02\tgrain exports\n'],
  ])('reads queries with %s', (_, text) => {
    expect(parseQueries(text, 'queries.tsv')).toEqual([crude, grain]);
  });

  it('reads an empty file as no queries', () => {
    expect(parseQueries('', 'queries.tsv')).toEqual([]);
  });

  it.each([
    ['no tab', 'r03 interest rate cut', 'expected "id<TAB>query", found "r03 interest rate cut"'],
    [
      'an empty query text',
      'r03\t\tinterest',
      'expected "id<TAB>query", found "r03\\t\\tinterest"',
    ],
    ['an empty id', '\tinterest rate cut', 'expected "id<TAB>query", found "\\tinterest rate cut"'],
    [
      'an id with a space',
      'r 03\tinterest rate cut',
      'expected "id<TAB>query", found "r 03\\tinterest rate cut"',
    ],
    ['a repeated id', 'r01\tinterest rate cut', 'query id "r01" was already given on line 2'],
  ])('refuses a line with %s, naming the file and line', (_, bad, reason) => {
    const text = `# queries\nr01\tcrude oil prices\n\n${bad}\n`;
    const error = thrown(() => parseQueries(text, 'queries.tsv'));
    expect(isNewsdeskError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toBe(`queries.tsv line 4: ${reason}`);
  });

  it('cuts a long bad line short in the error message', () => {
    const error = thrown(() => parseQueries('x'.repeat(500), 'queries.tsv'));
    expect((error as Error).message).toBe(
      `queries.tsv line 1: expected "id<TAB>query", found "${'x'.repeat(80)}…"`,
    );
  });
});

describe('parseQrels', () => {
  const expected = qrelsOf({
    r01: { 'reut2-000:127': 1, 'reut2-000:144': 2, 'reut2-000:200': 0 },
    r02: { 'reut2-001:1': 1 },
  });
  it.each([
    [
      'space separators',
      'r01 0 reut2-000:127 1\nr01 0 reut2-000:144 2\nr01 0 reut2-000:200 0\nr02 0 reut2-001:1 1\n',
    ],
    [
      'tab separators and no final newline',
      'r01\t0\treut2-000:127\t1\nr01 0 reut2-000:144 2\nr01 0 reut2-000:200 0\nr02  0  reut2-001:1  1',
    ],
    [
      'CRLF line ends',
      'r01 0 reut2-000:127 1\r\nr01 0 reut2-000:144 2\r\nr01 0 reut2-000:200 0\r\nr02 0 reut2-001:1 1\r\n',
    ],
    [
      'comments and blank lines',
      '# q it doc grade\n\nr01 0 reut2-000:127 1\nr01 0 reut2-000:144 2\n \nr01 0 reut2-000:200 0\nr02 0 reut2-001:1 1\n\n',
    ],
    [
      'a repeated judgement, counted once',
      'r01 0 reut2-000:127 1\nr01 0 reut2-000:127 1\nr01 0 reut2-000:144 2\nr01 0 reut2-000:200 0\nr02 0 reut2-001:1 1\n',
    ],
    [
      'any iteration column',
      'r01 Q0 reut2-000:127 1\nr01 7 reut2-000:144 2\nr01 0 reut2-000:200 0\nr02 0 reut2-001:1 1\n',
    ],
  ])('reads judgements with %s', (_, text) => {
    expect(parseQrels(text, 'qrels.txt')).toEqual(expected);
  });

  it.each([
    [
      'three columns',
      'r02 reut2-001:1 1',
      'expected "query-id iteration doc-id grade", found "r02 reut2-001:1 1"',
    ],
    [
      'five columns',
      'r02 0 reut2-001:1 1 x',
      'expected "query-id iteration doc-id grade", found "r02 0 reut2-001:1 1 x"',
    ],
    [
      'a word as grade',
      'r02 0 reut2-001:1 one',
      'expected a grade that is an integer ≥ 0, found "one"',
    ],
    [
      'a negative grade',
      'r02 0 reut2-001:1 -1',
      'expected a grade that is an integer ≥ 0, found "-1"',
    ],
    [
      'a fractional grade',
      'r02 0 reut2-001:1 1.5',
      'expected a grade that is an integer ≥ 0, found "1.5"',
    ],
    [
      'a contradicting grade',
      'r01 0 reut2-000:127 0',
      '"reut2-000:127" is graded 0 for query "r01" but was graded 1 before',
    ],
  ])('refuses a line with %s, naming the file and line', (_, bad, reason) => {
    const error = thrown(() => parseQrels(`r01 0 reut2-000:127 1\r\n\r\n${bad}\r\n`, 'qrels.txt'));
    expect(isNewsdeskError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toBe(`qrels.txt line 3: ${reason}`);
  });
});

describe('readQueries and readQrels over fixtures', () => {
  it.each(['queries.tsv', 'queries-crlf.tsv', 'queries-commented.tsv'])('read %s', async (name) => {
    const queries = await readQueries(join(EVAL_FIXTURES, name));
    expect(queries.slice(0, 2)).toEqual([crude, grain]);
  });

  it('reads a query without a topic column', async () => {
    const queries = await readQueries(join(EVAL_FIXTURES, 'queries.tsv'));
    expect(queries[2]).toEqual({ id: 'r03', text: 'interest rate cut' });
  });

  it.each([
    [
      'qrels.txt',
      qrelsOf({
        r01: { 'reut2-000:127': 1, 'reut2-000:144': 2, 'reut2-000:200': 0 },
        r02: { 'reut2-001:1001': 1 },
      }),
    ],
    ['qrels-crlf.txt', qrelsOf({ r01: { 'reut2-000:127': 1 }, r02: { 'reut2-001:1001': 1 } })],
  ])('read %s', async (name, expected) => {
    expect(await readQrels(join(EVAL_FIXTURES, name))).toEqual(expected);
  });

  it.each([
    [
      'queries-malformed.tsv',
      readQueries,
      'line 5: expected "id<TAB>query", found "r03 interest rate cut"',
    ],
    [
      'qrels-malformed.txt',
      readQrels,
      'line 4: expected a grade that is an integer ≥ 0, found "one"',
    ],
  ])('name the path and line of a malformed line in %s', async (name, read, reason) => {
    const path = join(EVAL_FIXTURES, name);
    await expect(read(path)).rejects.toThrow(`${path} ${reason}`);
  });

  it.each([
    ['queries', readQueries],
    ['qrels', readQrels],
  ])('refuse a missing %s file with the path and the cause', async (what, read) => {
    const path = join(EVAL_FIXTURES, 'missing.txt');
    const error: unknown = await read(path).catch((reason: unknown) => reason);
    expect(isNewsdeskError(error, 'USAGE')).toBe(true);
    expect((error as Error).message).toContain(`cannot read ${what} ${path}`);
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' });
  });
});

describe('the Reuters topic set in ../shared/eval (read-only)', () => {
  it('has 30 queries, each with at least one relevant article', async () => {
    const queries = await readQueries(join(REUTERS_TOPICS, 'queries.tsv'));
    const qrels = await readQrels(join(REUTERS_TOPICS, 'qrels.txt'));
    expect(queries).toHaveLength(30);
    for (const { id, text } of queries) {
      expect(text, id).not.toBe('');
      const relevant = [...(qrels.get(id)?.values() ?? [])].filter((grade) => grade > 0);
      expect(relevant.length, id).toBeGreaterThan(0);
    }
    expect([...qrels.keys()].sort()).toEqual(queries.map((query) => query.id).sort());
  });
});
