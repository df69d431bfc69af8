/**
 * The chunk classifier: what kind of entity one distinct name chunk is
 * (person, place, organisation or none), decided by `compromise` on the chunk
 * alone (so the same chunk always gets the same answer, whatever article it
 * is in) and by rules over whole classes of chunks: a name after an
 * honorific is a person; a name compromise does not take whole that ends in
 * an organisation word (`Inc`, `Party`), or has one before an "of" (`Bank of
 * England`), is an organisation; a chunk ending in a full name compromise
 * finds is that person (`Yesterday Tony Blair`). Each distinct chunk is classified once
 * per classifier and remembered (bounded), since tagging is the slow step.
 */
import { createRequire } from 'node:module';
import type compromise from 'compromise';
import { ORGANISATION_WORDS, PLACE_WORDS } from './words.ts';

/** compromise's entry point: text → a document to tag and query. */
export type Nlp = typeof compromise;

/**
 * compromise, loaded when a classifier first needs it (it takes about half a
 * second to load, which a process that only reads snapshots, such as a search
 * worker, should not pay).
 * @example loadCompromise()('Tony Blair').people().text() // 'Tony Blair'
 */
export function loadCompromise(): Nlp {
  const loaded: unknown = createRequire(import.meta.url)('compromise');
  return loaded as Nlp;
}

/** What a chunk names. */
export type EntityKind = 'person' | 'place' | 'org' | 'none';

/** A chunk's kind, and the part of it that names the entity (`Prime Minister Tony Blair` → `Tony Blair`). */
export interface Classified {
  kind: EntityKind;
  name: string;
}

export interface ClassifierOptions {
  /** Most distinct chunks remembered; the memory starts over when full. @example 100000 */
  cacheSize?: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: Required<ClassifierOptions> = {
  cacheSize: 200_000,
};

export interface ChunkClassifier {
  /**
   * The kind of the chunk `text`; `honorific` (`Mr`, or `''`) is the word before it.
   * @example classifier.classify('Tony Blair', '').kind // 'person'
   */
  classify(text: string, honorific: string): Classified;
  /** Distinct chunks tagged by compromise so far (the lexicon did not settle them). */
  readonly tagged: number;
}

/** A classifier with its own memory of chunks. */
export function createChunkClassifier(options: ClassifierOptions = {}): ChunkClassifier {
  const { cacheSize } = { ...DEFAULT_CLASSIFIER_OPTIONS, ...options };
  const cache = new Map<string, Classified>();
  let library: { nlp: Nlp; lexicon: Lexicon } | undefined;
  const load = () => {
    if (library === undefined) {
      const nlp = loadCompromise();
      library = { nlp, lexicon: compromiseLexicon(nlp) };
    }
    return library;
  };
  let tagged = 0;
  return {
    get tagged() {
      return tagged;
    },
    classify(text, honorific) {
      if (honorific !== '') return { kind: 'person', name: text };
      const known = cache.get(text);
      if (known !== undefined) return known;
      const { nlp, lexicon } = load();
      let classified = byLexicon(text, lexicon);
      if (classified === undefined) {
        tagged++;
        classified = classifyChunk(text, nlp);
      }
      if (cache.size >= cacheSize) cache.clear();
      cache.set(text, classified);
      return classified;
    },
  };
}

const NONE: Classified = { kind: 'none', name: '' };

/** compromise's lexicon: a lower-case word or phrase → its tag or tags (fixed library data, only read). */
export type Lexicon = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The lexicon compromise tags with. */
export function compromiseLexicon(nlp: Nlp): Lexicon {
  const model: unknown = nlp.model();
  const one = isRecord(model) ? model.one : undefined;
  const lexicon = isRecord(one) ? one.lexicon : undefined;
  return isRecord(lexicon) ? (lexicon as Lexicon) : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

const PLACE_TAGS: ReadonlySet<string> = new Set(['Place', 'Country', 'City', 'Region']);
const ORG_TAGS: ReadonlySet<string> = new Set(['Organization', 'SportsTeam', 'Company']);
const FIRST_NAME_TAGS: ReadonlySet<string> = new Set(['FirstName', 'MaleName', 'FemaleName']);

/**
 * The kind of `text` straight from the lexicon, without tagging, where that
 * is enough: a word or phrase the lexicon knows as a place or organisation;
 * any other single word but an acronym the lexicon knows (a lone name is
 * dropped or resolved by the article's variants, whatever its kind); a name
 * ending in an organisation word (`Salomon Brothers`) or a place word
 * (`Wall Street`); a first name the lexicon knows and
 * capitalised words after it (a person); a phrase none of whose words the
 * lexicon knows as part of a name (none: the tagger finds none there either).
 * Undefined: ask compromise.
 */
export function byLexicon(text: string, lexicon: Lexicon): Classified | undefined {
  const tags = tagsOf(lexicon[text.toLowerCase()]);
  if (tags.some((tag) => PLACE_TAGS.has(tag))) return { kind: 'place', name: text };
  if (tags.some((tag) => ORG_TAGS.has(tag))) return { kind: 'org', name: text };
  const words = text.split(' ');
  const last = words[words.length - 1] ?? '';
  // An acronym the lexicon does not know is none to the tagger too; one it knows ("US") may be a name.
  if (words.length === 1) return text === text.toUpperCase() && tags.length > 0 ? undefined : NONE;
  if (ORGANISATION_WORDS.has(last)) return { kind: 'org', name: text };
  if (PLACE_WORDS.has(last)) return { kind: 'place', name: text };
  const first = tagsOf(lexicon[(words[0] ?? '').toLowerCase()]);
  const names = words.length <= 3 && words.every((word) => word !== word.toLowerCase());
  if (names && first.some((tag) => FIRST_NAME_TAGS.has(tag))) return { kind: 'person', name: text };
  // Without a word the lexicon knows as part of a name, the tagger finds nothing in a phrase.
  const named = words.some((word) =>
    tagsOf(lexicon[word.toLowerCase()]).some((tag) => NAME_TAGS.has(tag)),
  );
  return named ? undefined : NONE;
}

/** Tags of words that take part in names: a phrase with none of them is not sent to the tagger. */
const NAME_TAGS: ReadonlySet<string> = new Set([
  ...PLACE_TAGS,
  ...ORG_TAGS,
  ...FIRST_NAME_TAGS,
  'LastName',
  'Person',
  'Honorific',
  'ProperNoun',
  'Acronym',
  'Demonym',
]);

function tagsOf(entry: string | readonly string[] | undefined): readonly string[] {
  if (entry === undefined) return [];
  return typeof entry === 'string' ? [entry] : entry;
}

/** The kind of `text` by rule or by compromise. */
export function classifyChunk(text: string, nlp: Nlp): Classified {
  const words = text.split(' ');
  const last = words[words.length - 1] ?? '';
  const doc = nlp(text);
  const total = doc.terms().length;
  if (total === 0) return NONE;
  const people = doc.people();
  const covered = (view: { terms(): { length: number } }): boolean => view.terms().length === total;
  if (covered(people) && !ORGANISATION_WORDS.has(last)) return { kind: 'person', name: text };
  if (covered(doc.organizations())) return { kind: 'org', name: text };
  if (covered(doc.places())) return { kind: 'place', name: text };
  if (words.length > 1 && (ORGANISATION_WORDS.has(last) || organisationOf(words))) {
    return { kind: 'org', name: text };
  }
  return personAtEnd(people.text(), words) ?? NONE;
}

/** `Bank of England`, `Ministry of Finance`: an organisation word before an "of". */
function organisationOf(words: readonly string[]): boolean {
  return words.some((word, at) => word === 'of' && ORGANISATION_WORDS.has(words[at - 1] ?? ''));
}

/** A person of two or more words that ends the chunk (`Prime Minister Tony Blair` → `Tony Blair`). */
function personAtEnd(found: string, words: readonly string[]): Classified | undefined {
  const name = found.trim();
  const count = name.split(' ').filter((word) => word !== '').length;
  if (count < 2 || count >= words.length) return undefined;
  const tail = words.slice(words.length - count).join(' ');
  return tail === name ? { kind: 'person', name } : undefined;
}
