import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownParser } from '../../../src/corpus/formats/markdown.ts';
import type { ParseOutput, RawRecord, SourceFile } from '../../../src/types.ts';
import { expectParserOutput } from '../../helpers/parser-output.ts';
import { sourceFile } from '../../helpers/source-file.ts';

const source = sourceFile;

function fixture(name: string): SourceFile {
  const text = readFileSync(new URL(`../../fixtures/markdown/${name}`, import.meta.url), 'utf8');
  return source(`markdown/${name}`, text);
}

/** The one record of a Markdown text. */
function parseOne(text: string): RawRecord {
  const { records } = markdownParser.parse(source('article.md', text));
  expect(records).toHaveLength(1);
  return records[0] ?? {};
}

/** One record with typed fields; problems about front matter with a line and a reason. */
function expectWellFormed(output: ParseOutput): void {
  expect(output.shape).toBe('single');
  expect(output.records).toHaveLength(1);
  expectParserOutput(output, {
    kind: 'invalid-front-matter',
    recordLines: 'unchecked',
    problemLines: 'required',
  });
}

describe('markdownParser', () => {
  it('reads .md and .markdown files', () => {
    expect(markdownParser.extensions).toEqual(['md', 'markdown']);
  });

  it('reads the article fields from YAML front matter, tags as categories', () => {
    const output = markdownParser.parse(fixture('wind-farm.md'));
    expect(output.shape).toBe('single');
    expect(output.problems).toEqual([]);
    expect(output.records[0]).toEqual(
      expect.objectContaining({
        title: 'Offshore wind farm approved despite fishing concerns',
        date: '2024-02-20',
        source: 'Coastal Times',
        url: 'https://example.com/news/offshore-wind-farm',
        author: 'Priya Nair',
        category: ['energy', 'environment'],
      }),
    );
  });

  it('turns Markdown into plain paragraphs without repeating the front-matter title', () => {
    const [record] = markdownParser.parse(fixture('wind-farm.md')).records;
    expect(record?.body?.split('\n\n')).toEqual([
      'The government on Tuesday approved a 1.2 GW offshore wind farm\noff the north-east coast, the largest in the region.',
      'Fishing groups said the project would close traditional grounds. Read the\nfull decision — it runs to 300 pages.',
      '"We were not consulted," said one skipper.',
      'Key points:',
      '80 turbines, each 260 m tall',
      'Construction from 2026',
      'PPA signed with two utilities',
    ]);
  });

  it('takes the first level-1 heading as the title when there is no front matter', () => {
    const [record] = markdownParser.parse(fixture('school-meals.md')).records;
    expect(record?.title).toBe('Free school meals extended to all primary pupils');
    expect(record?.body).toBe(
      [
        'Education',
        'All primary school pupils will receive free lunches from September, the council announced on Monday.',
        'The scheme will cost £4.2m a year and is funded by a new levy on large retailers.',
        'Cost per pupil: £2.65 a day',
      ].join('\n\n'),
    );
  });

  it('takes the first line as the title when there is no heading', () => {
    const [record] = markdownParser.parse(fixture('night-notes.markdown')).records;
    expect(record).toEqual({
      title: 'Council meeting ends without budget deal',
      body: 'Councillors argued for five hours on Wednesday night\nbut failed to agree a budget for next year.\n\nA further meeting is planned for Friday.',
    });
  });

  it('invalid front matter becomes a problem naming its line, and the Markdown is still read', () => {
    const output = markdownParser.parse(fixture('broken-front-matter.md'));
    // The quote opens on line 2; YAML notices it is unclosed at the end, the closing fence.
    expect(output.problems).toEqual([
      {
        kind: 'invalid-front-matter',
        line: 4,
        reason: 'invalid YAML front matter: Missing closing "quote',
      },
    ]);
    expect(output.records).toEqual([
      {
        title: 'Storm closes schools across the region',
        body: 'More than 200 schools closed on Monday as heavy snow and high winds hit the region.',
      },
    ]);
  });

  it.each([
    ['a list', '---\n- a\n- b\n---\n# T\n', 2],
    ['a duplicate key', '---\ntitle: A\ntitle: B\n---\n# T\n', 3],
    ['a bad indent', '---\ntitle: x\n  bad: indent\n---\n# T\n', 2],
  ])('reports front matter holding %s', (_name, text, line) => {
    const output = markdownParser.parse(source('fm.md', text));
    expect(output.problems).toEqual([
      expect.objectContaining({ kind: 'invalid-front-matter', line }),
    ]);
    expect(output.records).toEqual([{ title: 'T', body: '' }]);
  });

  it.each([
    ['heading', '# Headline\n\nBody.', 'Headline', 'Body.'],
    [
      'a level-1 heading after a level-2 one',
      '## Kicker\n\n# Headline\n\nBody.',
      'Headline',
      'Kicker\n\nBody.',
    ],
    [
      'a level-2 heading when there is no level 1',
      'Intro.\n\n## Sub\n\nBody.',
      'Sub',
      'Intro.\n\nBody.',
    ],
    ['a setext heading', 'Headline\n========\n\nBody.', 'Headline', 'Body.'],
    ['an emphasised heading', '# The *real* __story__\n\nBody.', 'The real story', 'Body.'],
  ])('takes the title from %s', (_name, text, title, body) => {
    expect(parseOne(text)).toEqual({ title, body });
  });

  it.each([
    ['emphasis', 'Some **bold**, _em_ and ~~struck~~ text.', 'Some bold, em and struck text.'],
    [
      'links',
      'See [the report](https://x.org "Report") or <https://y.org>.',
      'See the report or https://y.org.',
    ],
    ['images', 'Before ![a chart](c.png) after.', 'Before  after.'],
    ['inline HTML', 'A <span class="x">tagged</span> word<br>broken.', 'A tagged word\nbroken.'],
    ['entities', 'Caf&eacute; &amp; bar &#8212; &lt;b&gt;', 'Café & bar — <b>'],
    ['escapes', 'Not \\*emphasis\\* and 5 \\< 6.', 'Not *emphasis* and 5 < 6.'],
    ['code spans, kept literally', 'Type `a &amp; <b>` here.', 'Type a &amp; <b> here.'],
    ['a fenced code block', '```js\nconst a = 1 < 2;\n```', 'const a = 1 < 2;'],
    ['a blockquote', '> Quoted\n> words.', 'Quoted\nwords.'],
    ['a tight list', '- one\n- two\n  - nested', 'one\n\ntwo\n\nnested'],
    ['a loose list', '1. first\n\n2. second', 'first\n\nsecond'],
    ['a task list', '- [x] done\n- [ ] to do', 'done\n\nto do'],
    ['an HTML block', '<div><p>Para &amp; one</p><p>Two</p></div>', 'Para & one\n\n\n\nTwo'],
    ['an HTML comment and script', '<!-- note -->\n\n<script>alert(1)</script>\n\nText.', 'Text.'],
    ['a table', '| a | b |\n|---|---|\n| 1 | **2** |', 'a | b\n\n1 | 2'],
    [
      'a thematic break and a link definition',
      'One.\n\n---\n\n[ref]: https://x.org\n\nTwo.',
      'One.\n\nTwo.',
    ],
  ])('turns %s into plain text', (_name, markdown, text) => {
    const body = parseOne(`# T\n\n${markdown}`).body ?? '';
    expect(body.trim()).toBe(text);
  });

  it('drops a leading heading that repeats the front-matter title, whatever its case', () => {
    const record = parseOne('---\ntitle: Big News\n---\n# big  news\n\n## Big News\n\nText.');
    expect(record).toEqual({ title: 'Big News', body: 'Big News\n\nText.' });
  });

  it('keeps all headings in the body when the front matter gives a different title', () => {
    const record = parseOne('---\nheadline: From YAML\n---\n# From Markdown\n\nText.');
    expect(record).toEqual({ title: 'From YAML', body: 'From Markdown\n\nText.' });
  });

  it.each([
    ['category over tags', 'category: sport\ntags: [a, b]', ['sport']],
    ['tags as a comma-separated string', 'tags: politics, uk', ['politics', 'uk']],
    ['a section', 'section: World', ['World']],
  ])('reads %s', (_name, yaml, category) => {
    expect(parseOne(`---\n${yaml}\n---\nText.`).category).toEqual(category);
  });

  it.each([
    ['empty front matter', '---\n---\nHeadline\n\nBody.'],
    ['a comment-only front matter', '---\n# nothing\n---\nHeadline\n\nBody.'],
    ['CRLF line endings', '---\r\ntitle: Headline\r\n---\r\nBody.'],
    ['a YAML document end', '---\ntitle: Headline\n...\nBody.'],
  ])('reads %s without a problem', (_name, text) => {
    const output = markdownParser.parse(source('fm.md', text));
    expect(output.problems).toEqual([]);
    expect(output.records).toEqual([{ title: 'Headline', body: 'Body.' }]);
  });

  it('reads a leading --- with no closing fence as Markdown, not front matter', () => {
    const output = markdownParser.parse(source('hr.md', '---\nHeadline\n\nBody.'));
    expect(output).toEqual({
      shape: 'single',
      records: [{ title: 'Headline', body: 'Body.' }],
      problems: [],
    });
  });

  it('returns an empty record for an empty file', () => {
    expect(markdownParser.parse(source('empty.md', ''))).toEqual({
      shape: 'single',
      records: [{ body: '' }],
      problems: [],
    });
  });

  it('never throws and returns well-formed output for any text', () => {
    const markdownish = fc.string({
      unit: fc.constantFrom(
        '#',
        '*',
        '_',
        '-',
        '>',
        '`',
        '[',
        ']',
        '(',
        ')',
        '<',
        '&',
        '\n',
        ' ',
        'a',
        '---\n',
      ),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), markdownish), (text) => {
        expectWellFormed(markdownParser.parse(source('random.md', text)));
      }),
    );
  });

  it('never throws for any front matter', () => {
    const yamlish = fc.string({
      unit: fc.constantFrom(':', '-', ' ', '\n', '"', "'", '[', '{', '&', '*', '!', 'a', '#'),
    });
    fc.assert(
      fc.property(yamlish, fc.string(), (yaml, markdown) => {
        expectWellFormed(markdownParser.parse(source('fm.md', `---\n${yaml}\n---\n${markdown}`)));
      }),
    );
  });

  it('never throws for any bytes read as text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const text = Buffer.from(data).toString('latin1');
        expectWellFormed(markdownParser.parse(source('bytes.md', text)));
      }),
    );
  });
});
