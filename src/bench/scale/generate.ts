/**
 * The scale benchmark's synthetic articles: real headlines and real sentences
 * (from the BBC and Reuters corpora) recombined at random into news-length
 * articles, dated over two decades, with sources and categories. Pure: the
 * same material and seed give the same articles. Never for relevance.
 */
import type { Article } from '../../types.ts';

/** What the articles are recombined from. */
export interface Material {
  /** Real headlines, each with its article's first category when it had one. */
  headlines: readonly { title: string; category?: string }[];
  /** Real body sentences. */
  sentences: readonly string[];
  /** One category per real article that has one (so picking at random follows their frequency). */
  categories: readonly string[];
}

/** One synthetic article, with the JSONL field names of README "Field mapping". */
export interface SyntheticArticle {
  id: string;
  title: string;
  body: string;
  date: string;
  source: string;
  category: string[];
}

export interface GenerateOptions {
  /**
   * Mean size of an article's headline plus body in UTF-8 bytes; sizes spread
   * uniformly from half to one and a half times this.
   * @example 2300
   */
  meanBytes: number;
  /**
   * First day of the dates (ISO); dates spread uniformly over `years` from it.
   * @example '2000-01-01'
   */
  firstDay: string;
  /**
   * Years the dates span.
   * @example 20
   */
  years: number;
  /**
   * Sources the articles are attributed to, picked uniformly.
   * @example `['Reuters', 'BBC News']`
   */
  sources: readonly string[];
}

export const DEFAULT_GENERATE_OPTIONS: GenerateOptions = {
  meanBytes: 2300,
  firstDay: '2000-01-01',
  years: 20,
  sources: [
    'Reuters',
    'BBC News',
    'Associated Press',
    'Agence France-Presse',
    'The Daily Ledger',
    'Evening Courier',
    'Metro Wire',
    'Harbour Gazette',
  ],
};

/** Sentences shorter or longer than this (characters) are not used. */
const SENTENCE_CHARS = { min: 20, max: 400 };
const DAY_MS = 86_400_000;

/** Headlines, sentences and categories of real articles. */
export function materialOf(articles: readonly Article[]): Material {
  const headlines: { title: string; category?: string }[] = [];
  const sentences: string[] = [];
  const categories: string[] = [];
  for (const article of articles) {
    const category = article.category?.[0];
    headlines.push(
      category === undefined ? { title: article.title } : { title: article.title, category },
    );
    if (category !== undefined) categories.push(category);
    for (const sentence of splitSentences(article.body)) {
      if (sentence.length >= SENTENCE_CHARS.min && sentence.length <= SENTENCE_CHARS.max) {
        sentences.push(sentence);
      }
    }
  }
  return { headlines, sentences, categories };
}

/**
 * The sentences of `text`: a sentence ends at `.`, `!` or `?` followed by white
 * space and a capital letter, a digit or a quote, or at a paragraph break. A
 * plain scan, no regular expression over corpus text.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const cut = (end: number) => {
    const sentence = text.slice(start, end).replace(/\s+/g, ' ').trim();
    if (sentence !== '') sentences.push(sentence);
  };
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '\n' && text[at + 1] === '\n') {
      cut(at);
      start = at + 2;
    } else if ((char === '.' || char === '!' || char === '?') && endsSentence(text, at)) {
      cut(at + 1);
      start = at + 1;
    }
  }
  cut(text.length);
  return sentences;
}

function endsSentence(text: string, at: number): boolean {
  const space = text[at + 1];
  const next = text[at + 2];
  if (space !== ' ' || next === undefined) return false;
  return /[A-Z0-9"'“‘]/.test(next);
}

/**
 * Article `n` (0-based) of a synthetic corpus, drawing from `random` (a seeded
 * generator shared by the whole sequence, such as `seededRandom(seed)`).
 */
export function syntheticArticle(
  material: Material,
  random: () => number,
  n: number,
  options: GenerateOptions = DEFAULT_GENERATE_OPTIONS,
): SyntheticArticle {
  const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(random() * list.length)];
  const headline = pick(material.headlines) ?? { title: `Synthetic article ${n + 1}` };
  const target = options.meanBytes * (0.5 + random());
  const category = headline.category ?? pick(material.categories);
  return {
    id: String(n + 1),
    title: headline.title,
    body: bodyOf(material, random, target - Buffer.byteLength(headline.title)),
    date: dateOf(random, options),
    source: pick(options.sources) ?? 'Synthetic',
    category: category === undefined ? [] : [category],
  };
}

/** Sentences until about `bytes`, in paragraphs of two to four. */
function bodyOf(material: Material, random: () => number, bytes: number): string {
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  let paragraphLength = 2 + Math.floor(random() * 3);
  let size = 0;
  while (size < bytes || paragraphs.length + paragraph.length === 0) {
    const sentence =
      material.sentences[Math.floor(random() * material.sentences.length)] ?? 'No news today.';
    paragraph.push(sentence);
    size += Buffer.byteLength(sentence) + 1;
    if (paragraph.length >= paragraphLength) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
      paragraphLength = 2 + Math.floor(random() * 3);
      size += 1;
    }
  }
  if (paragraph.length > 0) paragraphs.push(paragraph.join(' '));
  return paragraphs.join('\n\n');
}

function dateOf(random: () => number, options: GenerateOptions): string {
  const first = Date.parse(`${options.firstDay}T00:00:00Z`);
  const span = Math.round(options.years * 365.25) * DAY_MS;
  return new Date(first + Math.floor(random() * (span / 1000)) * 1000).toISOString();
}
