/** Entity extraction: chunks classified, then an article's name variants folded into one. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyChunk, loadCompromise } from '../../../src/analysis/entities/classify.ts';
import { createEntityExtractor } from '../../../src/analysis/entities/extract.ts';
import {
  canonical,
  type Mention,
  resolveVariants,
  withoutLegalForm,
} from '../../../src/analysis/entities/variants.ts';

const mention = (text: string, kind: Mention['kind'], honorific = ''): Mention => ({
  text,
  honorific,
  kind,
  name: text,
});

describe('classifyChunk', () => {
  it.each([
    ['Tony Blair', 'person', 'Tony Blair'],
    ['Yesterday Tony Blair', 'person', 'Tony Blair'],
    ['Iraq', 'place', 'Iraq'],
    ['OPEC', 'org', 'OPEC'],
    ['Bank of England', 'org', 'Bank of England'],
    ['Davis Cup', 'none', ''],
    ['January', 'none', ''],
  ])('takes %s as a %s', (text, kind, name) => {
    expect(classifyChunk(text, loadCompromise())).toEqual({ kind, name });
  });
});

describe('resolveVariants', () => {
  it.each([
    [
      'a last name with an honorific takes the full name',
      [mention('Tony Blair', 'person'), mention('Blair', 'person', 'Mr'), mention('Blair', 'none')],
      { people: ['Tony Blair'], places: [], orgs: [] },
    ],
    [
      'a last name with an honorific and no full name stays',
      [mention('Blair', 'person', 'Mr')],
      { people: ['Blair'], places: [], orgs: [] },
    ],
    [
      'a lone first name is dropped',
      [mention('Chelsea', 'person'), mention('London', 'place')],
      { people: [], places: ['London'], orgs: [] },
    ],
    [
      'a "person" the article also names as an organisation is one',
      [mention('Merrill Lynch', 'person'), mention('Merrill Lynch Capital Markets Inc', 'org')],
      { people: [], places: [], orgs: ['Merrill Lynch', 'Merrill Lynch Capital Markets'] },
    ],
    [
      'the most mentioned comes first',
      [mention('Iraq', 'place'), mention('US', 'place'), mention('U.S.', 'place')],
      { people: [], places: ['US', 'Iraq'], orgs: [] },
    ],
  ])('%s', (_name, mentions, expected) => {
    expect(resolveVariants(mentions, 10)).toEqual(expected);
  });

  it.each([
    ['U.S.', 'US'],
    ['U.S. Treasury', 'US Treasury'],
    ['St. Louis', 'St. Louis'],
  ])('writes %s as %s', (name, expected) => {
    expect(canonical(name)).toBe(expected);
  });

  it.each([
    ['Chrysler Corp', 'Chrysler'],
    ['Merrill Lynch and Co Inc', 'Merrill Lynch'],
    ['Co Inc', ''],
    ['Bank of England', 'Bank of England'],
  ])('drops the legal form of %s', (name, expected) => {
    expect(withoutLegalForm(name)).toBe(expected);
  });
});

describe('createEntityExtractor', () => {
  it('finds the people, places and organisations of an article', () => {
    const extractor = createEntityExtractor();
    const entities = extractor.extract(
      'Blair backs Opec deal',
      'Prime Minister Tony Blair flew to Iraq on Monday. Mr Blair met officials of OPEC in Baghdad.',
    );
    expect(entities.people).toEqual(['Tony Blair']);
    expect(entities.places).toEqual(expect.arrayContaining(['Iraq', 'Baghdad']));
    expect(entities.orgs).toContain('OPEC');
  });

  it.each([
    [
      'an analyst at Merrill Lynch said prices would rise.',
      { people: [], places: [], orgs: ['Merrill Lynch'] },
    ],
    [
      'Merrill Lynch and Co Inc said Merrill Lynch would buy.',
      { people: [], places: [], orgs: ['Merrill Lynch'] },
    ],
    ['He met Tony Blair at Downing Street.', { people: ['Tony Blair'], places: [], orgs: [] }],
  ])('takes the names of "%s" by the article\'s own evidence', (body, expected) => {
    const entities = createEntityExtractor().extract('', body);
    expect({ ...entities, places: [] }).toEqual(expected);
  });

  it('extracts the same from an article whatever it extracted before (the cache changes nothing)', () => {
    const sentence = fc.constantFrom(
      'Mr Blair met Gordon Brown in London.',
      'The Bank of England and OPEC said so.',
      'Chrysler Corp and Merrill Lynch and Co Inc agreed.',
      'Treasury Secretary James Baker spoke in Tokyo.',
      'Chelsea beat Arsenal at Stamford Bridge.',
      'prices fell.',
    );
    const article = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((s) => s.join(' '));
    const warm = createEntityExtractor({ cacheSize: 3 });
    fc.assert(
      fc.property(fc.array(article, { minLength: 1, maxLength: 4 }), (bodies) => {
        for (const body of bodies) {
          expect(warm.extract('', body)).toEqual(createEntityExtractor().extract('', body));
        }
      }),
      { seed: 15_102, numRuns: 40 },
    );
  });
});
