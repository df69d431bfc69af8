/**
 * Regular-expression safety (ReDoS) for the text a person or a corpus controls.
 *
 * One file for query/, analysis/, search/ and server/params.ts rather than one per folder:
 * the inventory below parses those sources and fails when a regex is added or changed without
 * a case here, and that check needs the whole list in one place. `search` is where all of
 * those stages meet, hence tests/search/.
 *
 * Each regex is driven through the public function that uses it with adversarial input of
 * 50,000 and 200,000 characters (the pattern that would make it backtrack). It must finish
 * within 2 s of CPU, grow roughly linearly (200,000 characters cost less than 10 times 50,000),
 * and give a sane result. These are this project's only timing assertions. They count CPU time
 * (the least of three runs), not wall time, so other processes on the machine do not move them,
 * while quadratic work at 200,000 characters takes minutes of CPU.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { scanNames } from '../../src/analysis/entities/scan.ts';
import { fold } from '../../src/analysis/fold.ts';
import { tokenize } from '../../src/analysis/tokenize.ts';
import { buildIndex } from '../../src/index/build.ts';
import { parseDateLimit } from '../../src/query/date-limit.ts';
import { parseQuery } from '../../src/query/parse.ts';
import { planQuery } from '../../src/query/plan.ts';
import { replaceWord } from '../../src/search/extras/suggest.ts';
import { toSearchRequest } from '../../src/search/request.ts';
import { search } from '../../src/search/search.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { buildSnippet, highlightText } from '../../src/search/snippets/snippet.ts';
import { article, newsArticles } from '../helpers/engine.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCANNED = ['src/query', 'src/analysis', 'src/search', 'src/server/params.ts'];

const N = 50_000;
const LIMIT_MS = 2000;
const MAX_GROWTH = 10;
/** Below this a time is noise: growth is measured against at least this much. */
const NOISE_MS = 5;

const analyzer = createAnalyzer();
const pluralAnalyzer = createAnalyzer({ stemming: 'plural' });
const index = buildIndex(newsArticles(), createAnalyzer());
const searcher = createSearcher(index);
const unlimited = { maxLength: 10 * N };

/** One regex, the public function that reaches it, and inputs that would make it backtrack. */
interface RegexCase {
  file: string;
  pattern: string;
  /** The public function, named for the test title. */
  via: string;
  run: (input: string) => unknown;
  /** Adversarial inputs of about `n` characters. */
  inputs: Record<string, (n: number) => string>;
  /** Checks the result for the input `name` at size `n`. */
  sane: (result: unknown, name: string, n: number) => void;
  /** Sizes tried, when the function caps its input (default: 50,000 and 200,000). */
  sizes?: readonly [number, number];
}

const terms = (text: string) => analyzer.terms(text);
const words = (result: unknown) => (result as { text: string }[]).map((token) => token.text);
const rootOf = (result: unknown) => (result as ReturnType<typeof parseQuery>).root;
const refused = (run: () => unknown) => {
  try {
    return run();
  } catch (error) {
    return error;
  }
};

const CASES: RegexCase[] = [
  {
    file: 'src/query/date-limit.ts',
    pattern: '/^(\\d{4})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?$/',
    via: 'parseDateLimit',
    run: parseDateLimit,
    inputs: {
      digits: (n) => '1'.repeat(n),
      'a month of digits': (n) => `1987-${'1'.repeat(n)}`,
      'a day of digits': (n) => `1987-01-${'1'.repeat(n)}x`,
      'dashes and digits': (n) => '1-'.repeat(n / 2),
      'spaces around a year': (n) => `${' '.repeat(n / 2)}1987${' '.repeat(n / 2)}`,
    },
    sane: (result, name) => {
      if (name === 'spaces around a year')
        expect(result).toEqual({ start: Date.UTC(1987, 0, 1), end: Date.UTC(1988, 0, 1) });
      else expect(result).toBeNull();
    },
  },
  {
    file: 'src/query/lexer.ts',
    pattern: '/^[\\s\\p{Cc}\\p{Cf}]$/u',
    via: 'parseQuery',
    run: (input) => parseQuery(input, unlimited),
    inputs: {
      'RTL marks': (n) => `${'\u200f'.repeat(n)}oil`,
      'NULs and tabs': (n) => `${'\u0000\t'.repeat(n / 2)}oil`,
    },
    sane: (result) => expect(rootOf(result)).toEqual({ kind: 'word', text: 'oil', prefix: false }),
  },
  {
    file: 'src/query/lexer.ts',
    pattern: '/^[\\p{L}\\p{N}\\p{M}]$/u',
    via: 'parseQuery',
    run: (input) => parseQuery(input, unlimited),
    inputs: {
      'combining marks': (n) => `a${'\u0301\u0316'.repeat(n / 2)}`,
      'punctuation around a word': (n) => `${'.'.repeat(n / 2)}oil${'.'.repeat(n / 2)}`,
    },
    sane: (result) => expect(rootOf(result)).toMatchObject({ kind: 'word' }),
  },
  {
    file: 'src/query/lexer.ts',
    pattern: '/^\\p{P}+$/u',
    via: 'parseQuery',
    run: (input) => parseQuery(input, unlimited),
    inputs: {
      'punctuation then a symbol': (n) => `${'!'.repeat(n)}€`,
      'nested quotes': (n) => '"a "'.repeat(n / 4),
    },
    sane: (result, name) => {
      if (name === 'nested quotes') expect(rootOf(result)).not.toBeNull();
      else expect((result as ReturnType<typeof parseQuery>).notices.join()).toMatch(/no letters/);
    },
  },
  {
    file: 'src/query/lexer.ts',
    pattern: '/^\\*+$/',
    via: 'parseQuery',
    run: (input) => parseQuery(input, unlimited),
    inputs: {
      'stars then a mark': (n) => `${'*'.repeat(n)}!`,
      'stars and dashes': (n) => '*-'.repeat(n / 2),
      'open parentheses': (n) => '('.repeat(n),
    },
    sane: (result) => expect(rootOf(result)).toBeNull(),
  },
  {
    file: 'src/query/spelling.ts',
    pattern: '/\\p{N}/u',
    via: 'planQuery',
    run: (input) => planQuery(parseQuery(input, unlimited).root, index),
    inputs: {
      'a long word ending in a digit': (n) => `${'a'.repeat(n)}1`,
      'a long word open to typo matching': (n) => 'abcdefghij'.repeat(n / 10),
    },
    sane: (result) => {
      const plan = result as ReturnType<typeof planQuery>;
      expect(plan.clauses).toHaveLength(1);
      expect(plan.clauses[0]).toMatchObject({ kind: 'word', terms: [] });
    },
  },
  {
    file: 'src/analysis/analyzer.ts',
    pattern: '/\\p{N}/u',
    via: 'analyzer.term',
    run: (input) => analyzer.term(input),
    inputs: { 'letters then a digit': (n) => `${'A'.repeat(n)}1` },
    sane: (result, _name, n) => expect(result).toBe(`${'a'.repeat(n)}1`),
  },
  {
    file: 'src/analysis/fold.ts',
    pattern: '/\\p{M}+/gu',
    via: 'analyzer.terms',
    run: terms,
    inputs: {
      'alternating combining marks': (n) => `a${'\u0301\u0316'.repeat(n / 2)}`,
      'accented letters': (n) => 'e\u0301'.repeat(n / 2),
    },
    sane: (result, name, n) => {
      expect(result).toEqual([name === 'accented letters' ? 'e'.repeat(n / 2) : 'a']);
    },
  },
  {
    file: 'src/analysis/fold.ts',
    pattern: '/[^\\u0020-\\u007e]/',
    via: 'analyzer.term',
    run: (input) => analyzer.term(input),
    inputs: { 'ASCII then an accent': (n) => `${'a'.repeat(n)}É` },
    sane: (result, _name, n) => expect(result).toBe(`${'a'.repeat(n)}e`),
  },
  {
    file: 'src/analysis/plural.ts',
    pattern: '/[aeo]es$/',
    via: 'a plural-folding analyzer',
    run: (input) => pluralAnalyzer.term(input),
    inputs: {
      'repeated es': (n) => 'es'.repeat(n / 2),
      'repeated aes': (n) => 'aes'.repeat(n / 3),
    },
    sane: (result) => expect(typeof result).toBe('string'),
  },
  {
    file: 'src/analysis/entities/scan.ts',
    pattern:
      "/(?<![\\p{L}\\p{N}\\p{M}])(?<![\\p{L}\\p{N}]['’.&-])(?:\\p{Lu}(?:[\\p{L}\\p{N}\\p{M}]|['’.&-](?=[\\p{L}\\p{N}]))*\\.?|(?:of|de|del|von|van|bin|al|and)(?![\\p{L}\\p{N}\\p{M}]))/gu",
    via: 'scanNames',
    run: scanNames,
    inputs: {
      'one long capitalised word': (n) => `a ${'A'.repeat(n)}`,
      'periods and capitals': (n) => `a ${'A.'.repeat(n / 2)}`,
      'apostrophes and hyphens': (n) => `a ${"A'-".repeat(n / 3)}`,
      connectors: (n) => `a Bank ${'of '.repeat(n / 3)}England`,
      'capitals glued to lower case': (n) => `a ${'aA'.repeat(n / 2)}`,
    },
    sane: (result) => expect(Array.isArray(result)).toBe(true),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: "/['’‘ʼ]/g",
    via: 'tokenize',
    run: tokenize,
    inputs: { apostrophes: (n) => `${"a'".repeat(n / 2)}a` },
    sane: (result, _name, n) => expect(words(result)).toEqual(['a'.repeat(n / 2 + 1)]),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: "/['’‘ʼ][sS]$/",
    via: 'tokenize',
    run: tokenize,
    inputs: { possessives: (n) => `a${'’s'.repeat(n / 2)}` },
    sane: (result, _name, n) => expect(words(result)).toEqual([`a${'s'.repeat(n / 2 - 1)}`]),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: '/^\\p{N}+$/u',
    via: 'tokenize',
    run: tokenize,
    inputs: { 'digits then a letter piece': (n) => `${'1'.repeat(n)}.a` },
    sane: (result) => expect(words(result)).toHaveLength(2),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: '/^\\p{N}/u',
    via: 'tokenize',
    run: tokenize,
    inputs: { 'thousands groups': (n) => `1${',000'.repeat(n / 4)}` },
    sane: (result) => expect(words(result)).toHaveLength(1),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: '/^\\p{L}$/u',
    via: 'tokenize',
    run: tokenize,
    inputs: { 'an acronym': (n) => 'U.'.repeat(n / 2) },
    sane: (result, _name, n) => expect(words(result)).toEqual(['U'.repeat(n / 2)]),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: '/^[\\p{L}\\p{N}\\p{M}]$/u',
    via: 'tokenize',
    run: tokenize,
    inputs: { 'astral letters': (n) => '𝐀'.repeat(n / 2) },
    sane: (result) => expect(words(result)).toHaveLength(1),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: '/,/g',
    via: 'tokenize',
    run: tokenize,
    inputs: { 'comma chains': (n) => `${'1,'.repeat(n / 2)}1` },
    sane: (result) => expect(words(result)).toHaveLength(1),
  },
  {
    file: 'src/analysis/tokenize.ts',
    pattern: '/\\.[^,]*,/',
    via: 'tokenize',
    run: tokenize,
    inputs: {
      'a decimal without a comma': (n) => `1.${'1'.repeat(n)}`,
      'a decimal then a comma': (n) => `1.${'1'.repeat(n)},1`,
    },
    sane: (result, name) =>
      expect(words(result)).toHaveLength(name === 'a decimal then a comma' ? 3 : 1),
  },
  {
    file: 'src/search/extras/complete.ts',
    pattern: '/\\s$/u',
    via: 'Searcher.complete (input capped at 200 characters)',
    run: (input) => searcher.complete(input),
    inputs: { 'spaces then a word': (n) => `${' '.repeat(n - 2)}oi` },
    sane: (result, _name, n) => {
      if (n > 200) expect(result).toEqual([]);
      else expect((result as { word: string }[]).map((item) => item.word)).toContain('oil');
    },
    sizes: [50, 200],
  },
  {
    file: 'src/search/extras/complete.ts',
    pattern: '/^(?:-|"|\\(|[a-z]+:)*/i',
    via: 'Searcher.complete (input capped at 200 characters)',
    run: (input) => searcher.complete(input),
    inputs: {
      'field names without a word': (n) => 'title:'.repeat(n / 6),
      'letters and colons': (n) => `${'a:'.repeat(n / 2 - 1)}oi`,
    },
    sane: (result) => expect(Array.isArray(result)).toBe(true),
    sizes: [50, 200],
  },
  {
    file: 'src/search/extras/examples.ts',
    pattern: '/\\P{L}/u',
    via: 'Searcher.examples (a headline of one long word)',
    run: (input) =>
      createSearcher(buildIndex([article('long', input, 'body text')], analyzer)).examples(),
    inputs: {
      'one long word': (n) => 'a'.repeat(n),
      'letters then a digit': (n) => `${'a'.repeat(n - 1)}1`,
    },
    sane: (result) => expect(Array.isArray(result)).toBe(true),
  },
  {
    file: 'src/search/extras/examples.ts',
    pattern: '/\\s/u',
    via: 'Searcher.examples (a long category)',
    run: (input) =>
      createSearcher(
        buildIndex([article('long', 'Oil prices', 'body', { category: [input] })], analyzer),
      ).examples(),
    inputs: {
      'a long category without spaces': (n) => 'c'.repeat(n),
    },
    sane: (result) => expect(Array.isArray(result)).toBe(true),
  },
  {
    file: 'src/search/request.ts',
    pattern: '/^\\d{1,9}$/',
    via: 'toSearchRequest',
    run: (input) => refused(() => toSearchRequest({ page: input }, (name) => new Error(name))),
    inputs: {
      'many digits': (n) => '1'.repeat(n),
      'spaces around digits': (n) => `${' '.repeat(n / 2)}12${' '.repeat(n / 2)}`,
    },
    sane: (result, name) => {
      if (name === 'many digits') expect(result).toEqual(new Error('page'));
      else expect(result).toMatchObject({ page: 12 });
    },
  },
  {
    file: 'src/search/snippets/snippet.ts',
    pattern: '/\\s{2,}|[^\\S ]/g',
    via: 'highlightText and buildSnippet',
    run: (input) => [
      highlightText(input, []),
      buildSnippet(input, [{ start: input.length - 3, end: input.length, key: 0 }]),
    ],
    inputs: {
      'white space runs': (n) => `${' \t\n'.repeat(n / 3)}oil`,
      'single spaces': (n) => `${' x'.repeat(n / 2)}oil`,
    },
    sane: (result) => {
      const [title, snippet] = result as ReturnType<typeof highlightText>[];
      expect(title?.text.endsWith('oil')).toBe(true);
      expect(snippet?.html).toContain('<mark>oil</mark>');
      expect(snippet?.text.length).toBeLessThanOrEqual(250);
    },
  },
  {
    file: 'src/search/extras/suggest.ts',
    pattern: '/[\\p{L}\\p{N}]/u',
    via: 'replaceWord',
    run: (input) => replaceWord(input, 'oil', 'gas'),
    inputs: { 'the word inside longer words': (n) => `${'oiloil'.repeat(n / 6)} oil` },
    sane: (result, _name, n) => expect(result).toBe(`${'oiloil'.repeat(n / 6)} gas`),
  },
];

/** The fastest of three runs, in ms, and the result of the last; one run when it is over the limit. */
/**
 * The least CPU time (user + system, this process) of up to three runs: the
 * time spent working, not waiting for a core, so a machine loaded by other
 * processes does not make linear work look superlinear.
 */
function timed(run: () => unknown): { ms: number; result: unknown } {
  let ms = Number.POSITIVE_INFINITY;
  let result: unknown;
  for (let i = 0; i < 3 && (i === 0 || ms < LIMIT_MS); i++) {
    const started = process.cpuUsage();
    result = run();
    const used = process.cpuUsage(started);
    ms = Math.min(ms, (used.user + used.system) / 1000);
  }
  return { ms, result };
}

/** Every regex literal and `RegExp(…)` in the scanned sources, as `file pattern`. */
function regexesInSources(): string[] {
  const found: string[] = [];
  for (const file of SCANNED.flatMap((path) => sourceFiles(join(ROOT, path)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) found.push(`${relative(ROOT, file)} ${node.text}`);
      else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        node.expression.getText(source) === 'RegExp'
      ) {
        found.push(`${relative(ROOT, file)} ${node.getText(source)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...new Set(found)].sort();
}

function sourceFiles(path: string): string[] {
  if (path.endsWith('.ts')) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(path, name));
}

describe('regular expressions over text people and corpora control', () => {
  it('are each covered here: a new or changed regex needs a case below', () => {
    const covered = [...new Set(CASES.map((item) => `${item.file} ${item.pattern}`))].sort();
    expect(regexesInSources()).toEqual(covered);
  });

  describe.each(CASES.map((item) => [`${item.pattern} (${item.file})`, item] as const))(
    '%s',
    (_title, item) => {
      const [small, large] = item.sizes ?? [N, 4 * N];
      it.each(Object.keys(item.inputs))(`through ${item.via}: %s stays fast and linear`, (name) => {
        const make = item.inputs[name];
        if (!make) throw new Error(`no input ${name}`);
        const first = timed(() => item.run(make(small)));
        expect(first.ms, `${small} characters took ${first.ms} ms`).toBeLessThan(LIMIT_MS);
        const second = timed(() => item.run(make(large)));
        item.sane(first.result, name, small);
        item.sane(second.result, name, large);
        expect(second.ms, `${large} characters took ${second.ms} ms`).toBeLessThan(LIMIT_MS);
        const growth = second.ms / Math.max(first.ms, NOISE_MS);
        expect(growth, `${first.ms} ms → ${second.ms} ms`).toBeLessThan(MAX_GROWTH);
      });
    },
  );
});

describe('search over every adversarial input', () => {
  const inputs = CASES.flatMap((item) => Object.entries(item.inputs));
  it.each(inputs)('answers %s of 200,000 characters quickly, the query cut', (_name, make) => {
    const { ms, result } = timed(() => search(index, { query: make(4 * N) }));
    expect(ms).toBeLessThan(LIMIT_MS);
    expect((result as ReturnType<typeof search>).total).toBeGreaterThanOrEqual(0);
  });
});

describe('folding', () => {
  it('strips the same marks as normalizing everything first, so terms are unchanged', () => {
    const reference = (text: string) =>
      text
        .toLowerCase()
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .normalize('NFC');
    const marks = fc.array(
      fc.constantFrom('\u0301', '\u0316', '\u0344', '\u0f73', 'e', 'İ', 'Ǆ', '한'),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          anyText,
          marks.map((parts) => parts.join('')),
        ),
        (text) => {
          expect(fold(text)).toBe(reference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
