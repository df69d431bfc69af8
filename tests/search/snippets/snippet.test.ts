import { decodeHTML, escapeUTF8 } from 'entities';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildSnippet,
  DEFAULT_SNIPPET_OPTIONS,
  highlightText,
  markHtml,
  type SnippetOptions,
} from '../../../src/search/snippets/snippet.ts';
import type { Highlight, Snippet, SnippetMatch } from '../../../src/types.ts';

/** Every whole-word occurrence (case-insensitive) of the given words, keyed as given. */
function matchesOf(text: string, keys: Record<string, number>): SnippetMatch[] {
  const matches: SnippetMatch[] = [];
  for (const found of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const key = keys[found[0].toLowerCase()];
    if (key !== undefined)
      matches.push({ start: found.index, end: found.index + found[0].length, key });
  }
  return matches;
}

/** The highlighted pieces of a snippet's text. */
const marked = (snippet: Snippet): string[] =>
  snippet.highlights.map((highlight) => snippet.text.slice(highlight.start, highlight.end));

/** White-space runs as single spaces, ends trimmed. */
const collapsed = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The passages of a snippet, without its ellipses. */
const passagesOf = (text: string): string[] =>
  text
    .replace(/^… /, '')
    .replace(/ …$/, '')
    .split(' … ')
    .filter((passage) => passage !== '');

/** Whether `piece` occurs in `text` starting and ending at word boundaries. */
function occursAsWords(text: string, piece: string): boolean {
  for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
    const end = at + piece.length;
    if ((at === 0 || text[at - 1] === ' ') && (end === text.length || text[end] === ' '))
      return true;
  }
  return false;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const FILLER = [
  'The committee reviewed several proposals during a long session.',
  'Members asked for more time to study the details before voting.',
  'A final decision is expected later this month, officials said.',
  'Observers described the mood in the chamber as calm but tense.',
].join(' ');

const ARTICLE = [
  'Wheat harvests were poor across the region this year. Farmers blamed the dry spring.',
  FILLER,
  'Oil, oil and more oil filled the tankers waiting off the coast.',
  FILLER,
  'Oil prices fell on Monday as traders weighed the new supply figures.',
  FILLER,
  'The mayor thanked everyone who took part in the long debate.',
].join('\n\n');

describe('buildSnippet', () => {
  it('uses a 240-character budget, a 160-character aim and two passages by default', () => {
    expect(DEFAULT_SNIPPET_OPTIONS).toEqual({ maxLength: 240, minLength: 160, maxPassages: 2 });
  });

  it.each<{ name: string; source: string; words: Record<string, number>; expected: string }>([
    {
      name: 'returns a short text whole, highlighted',
      source: 'Oil prices rose sharply.',
      words: { oil: 0 },
      expected: 'Oil prices rose sharply.',
    },
    {
      name: 'returns the lead cut at a sentence end when nothing matches',
      source: ARTICLE,
      words: {},
      expected:
        'Wheat harvests were poor across the region this year. Farmers blamed the dry spring. The committee reviewed several proposals during a long session. Members asked for more time to study the details before voting. …',
    },
    {
      name: 'starts at the sentence holding the match and marks text left out on both sides',
      source: ARTICLE,
      words: { supply: 0 },
      expected:
        '… Oil prices fell on Monday as traders weighed the new supply figures. The committee reviewed several proposals during a long session. Members asked for more time to study the details before voting. …',
    },
    {
      name: 'fills the budget backwards from the end when the match is near the end',
      source: ARTICLE,
      words: { debate: 0 },
      expected:
        '… A final decision is expected later this month, officials said. Observers described the mood in the chamber as calm but tense. The mayor thanked everyone who took part in the long debate.',
    },
    {
      name: 'keeps a match at the very start without a leading ellipsis',
      source: ARTICLE,
      words: { wheat: 0 },
      expected:
        'Wheat harvests were poor across the region this year. Farmers blamed the dry spring. The committee reviewed several proposals during a long session. Members asked for more time to study the details before voting. …',
    },
  ])('$name', ({ source, words, expected }) => {
    const snippet = buildSnippet(source, matchesOf(source, words));
    expect(snippet.text).toBe(expected);
    expect(marked(snippet).map((word) => word.toLowerCase())).toEqual(
      expect.arrayContaining(Object.keys(words)),
    );
  });

  it('prefers the window with more distinct keys over one with the same key three times', () => {
    const snippet = buildSnippet(ARTICLE, matchesOf(ARTICLE, { oil: 0, prices: 1 }), {
      maxPassages: 1,
    });
    expect(snippet.text).toContain('Oil prices fell on Monday');
    expect(snippet.text).not.toContain('tankers');
    expect(marked(snippet)).toEqual(['Oil', 'prices']);
  });

  it('joins two passages in text order with " … " when the second brings a missing key', () => {
    const snippet = buildSnippet(ARTICLE, matchesOf(ARTICLE, { wheat: 0, mayor: 1 }));
    const passages = passagesOf(snippet.text);
    expect(passages).toHaveLength(2);
    expect(passages[0]).toContain('Wheat harvests');
    expect(passages[1]).toContain('The mayor thanked');
    expect(snippet.text).toContain(' … ');
    expect(snippet.text.length).toBeLessThanOrEqual(240 + 4);
    expect(marked(snippet)).toEqual(['Wheat', 'mayor']);
  });

  it('uses at least minLength characters of a single passage wherever the match is', () => {
    const longestWord = 12;
    for (const match of matchesOf(ARTICLE, { oil: 0, the: 1, debate: 2, wheat: 3, officials: 4 })) {
      const snippet = buildSnippet(ARTICLE, [match], { maxPassages: 1 });
      const [passage = ''] = passagesOf(snippet.text);
      expect(passage.length).toBeGreaterThanOrEqual(160 - longestWord);
      expect(passage.length).toBeLessThanOrEqual(240);
    }
  });

  it('keeps one passage when a second would bring nothing new', () => {
    const snippet = buildSnippet(ARTICLE, matchesOf(ARTICLE, { supply: 0 }));
    expect(passagesOf(snippet.text)).toHaveLength(1);
  });

  it.each<[string, SnippetOptions]>([
    ['the default options', {}],
    ['a 100-character budget', { maxLength: 100, minLength: 60 }],
    ['a 40-character budget and three passages', { maxLength: 40, minLength: 0, maxPassages: 3 }],
  ])('never cuts mid-word with %s', (_name, options) => {
    const source = ARTICLE;
    const wordSets: Record<string, number>[] = [
      {},
      { oil: 0 },
      { harvests: 0, mayor: 1 },
      { calm: 0, supply: 1 },
    ];
    for (const words of wordSets) {
      const snippet = buildSnippet(source, matchesOf(source, words), options);
      for (const passage of passagesOf(snippet.text)) {
        expect(occursAsWords(collapsed(source), passage), passage).toBe(true);
      }
    }
  });

  it('collapses white-space runs and newlines to one space, keeping highlights on their words', () => {
    const source = 'Oil\t\tprices   rose\n\nsharply \r\n in  early   trading, oil  traders said.';
    const snippet = buildSnippet(source, matchesOf(source, { oil: 0, traders: 1 }));
    expect(snippet.text).toBe('Oil prices rose sharply in early trading, oil traders said.');
    expect(marked(snippet)).toEqual(['Oil', 'oil', 'traders']);
    expect(snippet.html).toBe(
      '<mark>Oil</mark> prices rose sharply in early trading, <mark>oil</mark> <mark>traders</mark> said.',
    );
  });

  it('collapses white space inside a long passage too', () => {
    const source = `${FILLER}\n\n${FILLER.replaceAll(' ', '  \n ')}\n\nOil   prices\n\nfell. ${FILLER}`;
    const snippet = buildSnippet(source, matchesOf(source, { oil: 0, prices: 1 }));
    expect(snippet.text).not.toMatch(/\s\s|[^\S ]/);
    expect(marked(snippet)).toEqual(['Oil', 'prices']);
  });

  it.each([
    ['<script>alert(1)</script> Oil prices rose.', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x "onerror=alert(1)"> oil', '&lt;img src=x &quot;onerror=alert(1)&quot;&gt;'],
    ["Tom & Jerry's <b>oil</b> deal", 'Tom &amp; Jerry&apos;s &lt;b&gt;<mark>oil</mark>&lt;/b&gt;'],
  ])('escapes %j in the html and still marks the match', (source, escaped) => {
    const snippet = buildSnippet(source, matchesOf(source, { oil: 0, alert: 1 }));
    expect(snippet.html).toContain(escaped.replace('alert', '<mark>alert</mark>'));
    expect(snippet.html.replace(/<\/?mark>/g, '')).not.toContain('<');
    expect(snippet.html).not.toContain('"');
  });

  it('highlights matches at the very start and the very end of a long text', () => {
    const source = `Oil ${FILLER} ${FILLER} ${FILLER} prices`;
    const matches = matchesOf(source, { oil: 0, prices: 1 });
    const snippet = buildSnippet(source, matches);
    expect(snippet.text.startsWith('Oil ')).toBe(true);
    expect(snippet.text.endsWith(' prices')).toBe(true);
    expect(marked(snippet)).toEqual(['Oil', 'prices']);
  });

  it.each<[string, SnippetMatch[]]>([
    [
      'out of range',
      [
        { start: -10, end: 3, key: 0 },
        { start: 9000, end: 9010, key: 1 },
      ],
    ],
    [
      'unsorted and duplicated',
      [
        { start: 4, end: 10, key: 1 },
        { start: 0, end: 3, key: 0 },
        { start: 0, end: 3, key: 0 },
      ],
    ],
    [
      'overlapping',
      [
        { start: 0, end: 6, key: 0 },
        { start: 4, end: 10, key: 1 },
      ],
    ],
    [
      'empty, reversed or not numbers',
      [
        { start: 5, end: 5, key: 0 },
        { start: 8, end: 2, key: 0 },
        { start: Number.NaN, end: 3, key: 0 },
        { start: 1.5, end: Number.POSITIVE_INFINITY, key: 0 },
      ],
    ],
    ['covering only white space', [{ start: 3, end: 4, key: 0 }]],
  ])('tolerates matches that are %s', (_name, matches) => {
    for (const source of ['Oil prices rose.', `Oil prices rose. ${FILLER} ${FILLER}`]) {
      const snippet = buildSnippet(source, matches);
      let last = 0;
      for (const { start, end } of snippet.highlights) {
        expect(start).toBeGreaterThanOrEqual(last);
        expect(end).toBeGreaterThan(start);
        expect(end).toBeLessThanOrEqual(snippet.text.length);
        last = end;
      }
      expect(snippet.html.replace(/<\/?mark>/g, '')).not.toContain('<');
    }
  });

  it('merges overlapping matches into one mark', () => {
    const snippet = buildSnippet('Oil prices rose.', [
      { start: 0, end: 6, key: 0 },
      { start: 4, end: 10, key: 1 },
    ]);
    expect(marked(snippet)).toEqual(['Oil prices']);
  });

  it.each([
    ['emoji words around the cut', `${'word 😀 '.repeat(40)}oil ${'👍🏽 word '.repeat(40)}`],
    ['one long run of emoji without spaces', `${'😀'.repeat(200)} oil ${'👨‍👩‍👧'.repeat(100)}`],
    ['a match that splits a surrogate pair', `${'😀'.repeat(300)}`],
  ])('never splits a surrogate pair with %s', (_name, source) => {
    const matches = [...matchesOf(source, { oil: 0 }), { start: 1, end: 3, key: 1 }];
    for (const maxLength of [240, 11, 7, 2]) {
      const snippet = buildSnippet(source, matches, { maxLength });
      expect(snippet.text).not.toMatch(LONE_SURROGATE);
      expect(snippet.html).not.toMatch(LONE_SURROGATE);
      expect(snippet.text.length).toBeLessThanOrEqual(maxLength + 4);
    }
  });

  it.each<[string, SnippetOptions]>([
    ['not numbers', { maxLength: Number.NaN, minLength: Number.NaN, maxPassages: Number.NaN }],
    ['negative', { maxLength: -5, minLength: -5, maxPassages: -1 }],
    ['fractional', { maxLength: 99.9, minLength: 200.5, maxPassages: 1.5 }],
  ])('makes sense of options that are %s', (_name, options) => {
    const snippet = buildSnippet(ARTICLE, matchesOf(ARTICLE, { oil: 0 }), options);
    expect(snippet.text.length).toBeGreaterThan(0);
    expect(snippet.text.length).toBeLessThanOrEqual(Math.max(1, options.maxLength || 240) + 4);
  });

  it('returns an empty snippet for an empty or blank text', () => {
    const empty = { text: '', html: '', highlights: [] };
    expect(buildSnippet('', [{ start: 0, end: 1, key: 0 }])).toEqual(empty);
    expect(buildSnippet(' \n\n\t ', [])).toEqual(empty);
  });
});

describe('highlightText', () => {
  it('highlights every match of a whole headline, collapsing its white space', () => {
    const headline = ' Oil  prices rise as <OPEC> cuts oil output ';
    const snippet = highlightText(headline, matchesOf(headline, { oil: 0, opec: 1 }));
    expect(snippet.text).toBe('Oil prices rise as <OPEC> cuts oil output');
    expect(marked(snippet)).toEqual(['Oil', 'OPEC', 'oil']);
    expect(snippet.html).toBe(
      '<mark>Oil</mark> prices rise as &lt;<mark>OPEC</mark>&gt; cuts <mark>oil</mark> output',
    );
  });

  it('keeps a long text whole', () => {
    expect(highlightText(ARTICLE, []).text).toBe(collapsed(ARTICLE));
  });
});

describe('markHtml', () => {
  it.each<[string, Highlight[], string]>([
    ['plain', [], 'plain'],
    ['a<b & "c"', [{ start: 2, end: 3 }], 'a&lt;<mark>b</mark> &amp; &quot;c&quot;'],
    ['<b>', [{ start: 0, end: 3 }], '<mark>&lt;b&gt;</mark>'],
    [
      'one two',
      [
        { start: 4, end: 7 },
        { start: 0, end: 3 },
      ],
      '<mark>one</mark> <mark>two</mark>',
    ],
    [
      'one two',
      [
        { start: 0, end: 5 },
        { start: 2, end: 7 },
      ],
      '<mark>one two</mark>',
    ],
    ['one', [{ start: -3, end: 99 }], '<mark>one</mark>'],
    [
      'one',
      [
        { start: 2, end: 2 },
        { start: 5, end: 9 },
      ],
      'one',
    ],
    ['😀x', [{ start: 1, end: 2 }], '<mark>😀</mark>x'],
  ])('marks %j with %j as %j', (text, highlights, expected) => {
    expect(markHtml(text, highlights)).toBe(expected);
  });
});

/** Words of a small vocabulary, with punctuation, emoji and HTML specials. */
const WORDS = [
  'oil',
  'Oil',
  'prices',
  'rose',
  'the',
  'The',
  'council',
  'said',
  'budget.',
  'Vienna!',
  'why?',
  '"quoted"',
  "it's",
  '<b>',
  'x<y',
  'a&b',
  '&amp;',
  'naïve',
  '😀',
  '👨‍👩‍👧',
  '—',
  '...',
  '(oil)',
];
const GAPS = [' ', ' ', ' ', '  ', '\n\n', '\t', ' \u00a0'];

interface Case {
  source: string;
  /** Where each word of the source starts and ends. */
  words: Highlight[];
  matches: SnippetMatch[];
}

const cases = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GAPS)), {
    minLength: 1,
    maxLength: 150,
  })
  .chain((pieces) => {
    let source = '';
    const words: Highlight[] = [];
    for (const [word, gap] of pieces) {
      words.push({ start: source.length, end: source.length + word.length });
      source += word + gap;
    }
    const match = fc.record({ index: fc.nat({ max: words.length - 1 }), key: fc.nat({ max: 3 }) });
    return fc.array(match, { maxLength: 20 }).map((picked): Case => {
      const matches = picked.flatMap(({ index, key }) => {
        const word = words[index];
        return word ? [{ ...word, key }] : [];
      });
      return { source, words, matches };
    });
  });

const options = fc.record({
  maxLength: fc.integer({ min: 20, max: 300 }),
  minLength: fc.integer({ min: 0, max: 300 }),
  maxPassages: fc.integer({ min: 1, max: 3 }),
});

/** The distinct matched words of a case, in source order. */
const matchedWords = ({ source, matches }: Case): string[] =>
  [...new Map(matches.map((match) => [match.start, source.slice(match.start, match.end)]))]
    .sort(([a], [b]) => a - b)
    .map(([, word]) => word);

/** Whether `items` appear in `sequence` in the same order. */
function isSubsequence(items: readonly string[], sequence: readonly string[]): boolean {
  let at = 0;
  for (const item of items) {
    while (at < sequence.length && sequence[at] !== item) at++;
    if (at === sequence.length) return false;
    at++;
  }
  return true;
}

describe('buildSnippet properties', () => {
  it('stays within the budget, whole words and code points, for any text and matches', () => {
    fc.assert(
      fc.property(cases, options, (testCase, opts) => {
        const snippet = buildSnippet(testCase.source, testCase.matches, opts);
        expect(snippet.text.length).toBeLessThanOrEqual(opts.maxLength + 4);
        expect(snippet.text).not.toMatch(LONE_SURROGATE);
        for (const passage of passagesOf(snippet.text)) {
          expect(occursAsWords(collapsed(testCase.source), passage)).toBe(true);
        }
      }),
    );
  });

  it('highlights only matched words, in source order', () => {
    fc.assert(
      fc.property(cases, options, (testCase, opts) => {
        const snippet = buildSnippet(testCase.source, testCase.matches, opts);
        expect(isSubsequence(marked(snippet), matchedWords(testCase))).toBe(true);
      }),
    );
  });

  it('makes html that unescapes to the text and marks exactly the escaped matched words', () => {
    fc.assert(
      fc.property(cases, options, (testCase, opts) => {
        const snippet = buildSnippet(testCase.source, testCase.matches, opts);
        expect(decodeHTML(snippet.html.replace(/<\/?mark>/g, ''))).toBe(snippet.text);
        const marks = [...snippet.html.matchAll(/<mark>(.*?)<\/mark>/g)].map((found) => found[1]);
        expect(marks).toEqual(marked(snippet).map((word) => escapeUTF8(word)));
        const escapedWords = new Set(matchedWords(testCase).map((word) => escapeUTF8(word)));
        for (const mark of marks) expect(escapedWords.has(mark ?? '')).toBe(true);
      }),
    );
  });
});

describe('buildSnippet with careless matches', () => {
  it('keeps every invariant when match offsets are arbitrary', () => {
    const careless = cases.chain((testCase) =>
      fc
        .array(
          fc.record({
            start: fc.integer({ min: -5, max: testCase.source.length + 5 }),
            end: fc.integer({ min: -5, max: testCase.source.length + 5 }),
            key: fc.integer({ min: -2, max: 2 }),
          }),
          { maxLength: 12 },
        )
        .map((matches) => ({ ...testCase, matches })),
    );
    fc.assert(
      fc.property(careless, options, ({ source, matches }, opts) => {
        const snippet = buildSnippet(source, matches, opts);
        expect(snippet.text.length).toBeLessThanOrEqual(opts.maxLength + 4);
        expect(snippet.text).not.toMatch(LONE_SURROGATE);
        expect(passagesOf(snippet.text).length).toBeLessThanOrEqual(opts.maxPassages);
        let last = 0;
        for (const { start, end } of snippet.highlights) {
          expect(start).toBeGreaterThanOrEqual(last);
          expect(end).toBeGreaterThan(start);
          expect(end).toBeLessThanOrEqual(snippet.text.length);
          last = end;
        }
        expect(decodeHTML(snippet.html.replace(/<\/?mark>/g, ''))).toBe(snippet.text);
      }),
    );
  });
});

describe('highlightText properties', () => {
  it('keeps the whole collapsed text and marks every matched word', () => {
    fc.assert(
      fc.property(cases, (testCase) => {
        const snippet = highlightText(testCase.source, testCase.matches);
        expect(snippet.text).toBe(collapsed(testCase.source));
        expect(marked(snippet)).toEqual(matchedWords(testCase));
      }),
    );
  });
});

describe('markHtml properties', () => {
  it('never emits "<" outside <mark> and </mark>, whatever the text and highlights', () => {
    const unit = fc.constantFrom(
      'a',
      'b',
      ' ',
      '\n',
      '<',
      '>',
      '&',
      '"',
      "'",
      'é',
      '😀',
      '\ud83d',
      '\ude00',
    );
    const htmlish = fc.string({ unit, maxLength: 50 });
    const highlight = fc.record({
      start: fc.integer({ min: -5, max: 60 }),
      end: fc.integer({ min: -5, max: 60 }),
    });
    fc.assert(
      fc.property(htmlish, fc.array(highlight), (text, highlights) => {
        const html = markHtml(text, highlights);
        expect(html.replace(/<\/?mark>/g, '')).not.toContain('<');
        expect(decodeHTML(html.replace(/<\/?mark>/g, ''))).toBe(text);
      }),
    );
  });
});
