import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { type DomNode, htmlToText, nodeToText } from '../../../src/corpus/formats/html-text.ts';

describe('htmlToText', () => {
  it.each([
    {
      name: 'paragraphs become blank-line separated',
      html: '<p>First paragraph.</p><p>Second paragraph.</p>',
      text: 'First paragraph.\n\nSecond paragraph.',
    },
    {
      name: '<br> becomes a line break inside the paragraph',
      html: '<p>Line one<br>line two<br/>line three</p>',
      text: 'Line one\nline two\nline three',
    },
    {
      name: 'two <br> in a row make a paragraph break',
      html: 'First part.<br><br>Second part.',
      text: 'First part.\n\nSecond part.',
    },
    {
      name: 'scripts, styles and noscript are dropped with their content',
      html: '<p>Kept</p><script>var x = "<p>no</p>";</script><style>p { color: red }</style><noscript>Enable JS</noscript>',
      text: 'Kept',
    },
    {
      name: 'entities are decoded',
      html: '<p>Fish &amp; chips cost &pound;5 &mdash; &#8220;cheap&#x201D;</p>',
      text: 'Fish & chips cost £5 — “cheap”',
    },
    {
      name: 'source line breaks inside a paragraph are only spaces',
      html: '<p>A sentence\n\n   wrapped over\n lines.</p>',
      text: 'A sentence wrapped over lines.',
    },
    {
      name: 'inline elements do not break the text',
      html: '<p>A <b>bold</b>, <em>quick</em> <a href="/x">link</a>.</p>',
      text: 'A bold, quick link.',
    },
    {
      name: 'headings, list items and block quotes become paragraphs',
      html: '<h2>Heading</h2><ul><li>one</li><li>two</li></ul><blockquote>Quote</blockquote>',
      text: 'Heading\n\none\n\ntwo\n\nQuote',
    },
    {
      name: 'nested blocks never make more than one blank line',
      html: '<div><div><p>a</p></div></div>\n\n\n<section><div><p>b</p></div></section>',
      text: 'a\n\nb',
    },
    {
      name: 'table rows become paragraphs and cells are separated by spaces',
      html: '<table><tr><th>Team</th><th>Points</th></tr><tr><td>Rovers</td><td>42</td></tr></table>',
      text: 'Team Points\n\nRovers 42',
    },
    {
      name: 'preformatted text keeps its line breaks',
      html: '<pre>10:00 Kick-off\n10:45 Half-time</pre>',
      text: '10:00 Kick-off\n10:45 Half-time',
    },
    {
      name: 'comments and a whole page head are left out',
      html: '<html><head><title>Page</title></head><body><!-- note --><p>Body</p></body></html>',
      text: 'Body',
    },
    { name: 'plain text passes through', html: 'Just words', text: 'Just words' },
    { name: 'an empty fragment gives empty text', html: '', text: '' },
  ])('$name', ({ html, text }) => {
    expect(htmlToText(html)).toBe(text);
  });

  it('drops the extra elements it is asked to drop', () => {
    const html = '<nav>Home | World</nav><p>Story</p><footer>(c) Paper</footer>';
    expect(htmlToText(html, { drop: ['nav', 'footer'] })).toBe('Story');
  });

  it('reads very deeply nested markup without overflowing the stack', () => {
    const html = `${'<div>'.repeat(20_000)}deep${'</div>'.repeat(20_000)}`;
    expect(htmlToText(html)).toBe('deep');
  });

  it('never throws and never leaves more than one blank line or outer white space', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), (html) => {
        const text = htmlToText(html);
        expect(text).not.toMatch(/\n\n\n/);
        expect(text).toBe(text.trim());
      }),
    );
  });
});

describe('nodeToText', () => {
  it('reads the text inside a DOM element of a linkedom document', () => {
    const { document } = parseHTML(
      '<html><body><article><p>One</p><p>Two<br>three</p></article></body></html>',
    );
    const article: DomNode = document.querySelector('article');
    expect(nodeToText(article)).toBe('One\n\nTwo\nthree');
  });
});
