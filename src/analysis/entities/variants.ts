/**
 * Name variants within one article: "Mr Blair" and "Blair" are the article's
 * "Tony Blair" when it names one person of that last name in full; a lone
 * first or last name with no honorific and no full name in the article is
 * dropped (a first name alone, "Chelsea", is more often a club, a place or a
 * prize than a person); acronyms lose their periods ("U.S." → "US"); an
 * organisation loses its legal form ("Chrysler Corp" → "Chrysler"), and a
 * "person" the article also names as an organisation, or as the start of
 * one ("Merrill Lynch" beside "Merrill Lynch Capital Markets"), is that
 * organisation.
 */
import type { ArticleEntities } from '../../types.ts';
import type { EntityKind } from './classify.ts';
import { LEGAL_FORMS } from './words.ts';

/** One classified name chunk of an article. */
export interface Mention {
  /** The chunk as scanned (`Blair`). */
  text: string;
  /** The honorific before it (`Mr`), or `''`. */
  honorific: string;
  /** The lower-case word just before it (`at`), or `''`. */
  before?: string;
  kind: EntityKind;
  /** The part of the chunk that names the entity. */
  name: string;
}

type Kind = Exclude<EntityKind, 'none'>;

interface Tally {
  kind: Kind;
  count: number;
  first: number;
}

/**
 * The article's entities from its mentions, each kind's values the most
 * mentioned first (then the first mentioned), at most `maxPerKind` each.
 * @example resolveVariants([{ text: 'Tony Blair', honorific: '', kind: 'person', name: 'Tony Blair' }, { text: 'Blair', honorific: 'Mr', kind: 'person', name: 'Blair' }], 10).people // ['Tony Blair']
 */
export function resolveVariants(mentions: readonly Mention[], maxPerKind: number): ArticleEntities {
  const named = asOrganisations(
    mentions.map((mention) => {
      const name = canonical(mention.name);
      return { ...mention, name: mention.kind === 'org' ? withoutLegalForm(name) : name };
    }),
  );
  const fullNames = fullNamesByLastWord(named);
  const titled = new Set(named.filter((m) => m.honorific !== '').map((m) => m.name));
  const tallies = new Map<string, Tally>();
  named.forEach((mention, at) => {
    const resolved = resolve(mention, fullNames, titled);
    if (resolved === undefined) return;
    const tally = tallies.get(resolved.name);
    if (tally === undefined)
      tallies.set(resolved.name, { kind: resolved.kind, count: 1, first: at });
    else tally.count++;
  });
  return {
    people: top(tallies, 'person', maxPerKind),
    places: top(tallies, 'place', maxPerKind),
    orgs: top(tallies, 'org', maxPerKind),
  };
}

/** What one mention names, after the article's variants are applied. */
function resolve(
  mention: Mention,
  fullNames: ReadonlyMap<string, string>,
  titled: ReadonlySet<string>,
): { kind: Kind; name: string } | undefined {
  const { name } = mention;
  const single = !name.includes(' ');
  const full = single ? fullNames.get(name) : undefined;
  if (full !== undefined) return { kind: 'person', name: full };
  if (single && titled.has(name)) return { kind: 'person', name };
  if (mention.kind === 'none' || name === '') return undefined;
  if (mention.kind === 'person' && single) return undefined;
  return { kind: mention.kind, name };
}

/**
 * Mentions classified as people that the article names as organisations
 * (alone, or as the start of one) or places one "at" ("an analyst at Merrill
 * Lynch"; people are met, not worked at), made organisations.
 */
function asOrganisations(mentions: Mention[]): Mention[] {
  const orgs = mentions.filter((m) => m.kind === 'org' && m.name !== '').map((m) => m.name);
  const at = new Set(
    mentions.filter((m) => m.kind === 'person' && m.before === 'at').map((m) => m.name),
  );
  if (orgs.length === 0 && at.size === 0) return mentions;
  const isOrg = (name: string) =>
    at.has(name) || orgs.some((org) => org === name || org.startsWith(`${name} `));
  return mentions.map((mention) =>
    mention.kind === 'person' && mention.honorific === '' && isOrg(mention.name)
      ? { ...mention, kind: 'org' }
      : mention,
  );
}

/** `name` without legal forms (and a dangling "and") at its end. */
export function withoutLegalForm(name: string): string {
  const words = name.split(' ');
  while (
    words.length > 0 &&
    (LEGAL_FORMS.has(words[words.length - 1] ?? '') || words[words.length - 1] === 'and')
  ) {
    words.pop();
  }
  return words.join(' ');
}

/** Each last word of a full (two or more words) person's name → the most mentioned such name. */
function fullNamesByLastWord(mentions: readonly Mention[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const { kind, name } of mentions) {
    if (kind === 'person' && name.includes(' ')) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const best = new Map<string, string>();
  for (const [name, count] of counts) {
    const last = name.slice(name.lastIndexOf(' ') + 1);
    const held = best.get(last);
    if (held === undefined || (counts.get(held) ?? 0) < count) best.set(last, name);
  }
  return best;
}

/** `name` with acronyms' periods removed (`U.S.` → `US`) and spaces collapsed. */
export function canonical(name: string): string {
  return name
    .split(' ')
    .filter((word) => word !== '')
    .map((word) => (isDottedAcronym(word) ? word.replaceAll('.', '') : word))
    .join(' ');
}

/** `U.S.`, `U.K`: capital letters each followed by a period (the last one's optional), two or more. */
function isDottedAcronym(word: string): boolean {
  const letters = word.replaceAll('.', '');
  if (
    letters.length < 2 ||
    letters !== letters.toUpperCase() ||
    letters === letters.toLowerCase()
  ) {
    return false;
  }
  for (let at = 0; at < word.length; at += 2) {
    if (word.charAt(at + 1) !== '.' && at + 1 < word.length) return false;
  }
  return true;
}

function top(tallies: ReadonlyMap<string, Tally>, kind: Kind, most: number): string[] {
  return [...tallies]
    .filter(([, tally]) => tally.kind === kind)
    .sort(([, a], [, b]) => b.count - a.count || a.first - b.first)
    .slice(0, most)
    .map(([name]) => name);
}
