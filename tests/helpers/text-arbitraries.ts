/** fast-check text that stresses text analysis: joiners, scripts, marks, emoji, lone surrogates. */
import fc from 'fast-check';

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

const newsPiece = fc.oneof(
  fc.constantFrom(
    ' ',
    '\n',
    '-',
    '‐',
    '&',
    '.',
    ',',
    "'",
    '’',
    'ʼ',
    'ʼs',
    'U.S.',
    "Washington's",
    'Washington’s',
    'pro-Iranian',
    'al-Chaabi',
    '2,500',
    '1.13bn',
    'Café',
    'e\u0301',
    '\u0301',
    'İstanbul',
    'ﬁnance',
    'مرحبا',
    'שלום',
    '\u200f',
    '👍🏽',
    '👨‍👩‍👧',
    '١٢٣',
  ),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  loneSurrogate,
);

/** News-like text assembled from awkward pieces. */
export const newsText = fc.array(newsPiece, { maxLength: 30 }).map((pieces) => pieces.join(''));

/** Any string: plain, any code units, or news-like. */
export const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), newsText);
