/**
 * Word classes the entity rules use: whole classes of words (titles,
 * calendar words, the last words of organisations' names), never particular
 * names.
 */

const set = (words: string): ReadonlySet<string> =>
  new Set(
    words
      .replaceAll('\n', ' ')
      .split(' ')
      .filter((word) => word !== ''),
  );

/**
 * Words that say the capitalised words after them name a person. Titles that
 * also start company names (`General`) are left out.
 */
export const HONORIFICS = set(`
  Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Baroness Prof Professor President Senator Sen
  Rep Governor Gov Chancellor Prince Princess King Queen Pope Judge Rev Sheikh Mayor`);

/** Office titles: inside a name chunk, what follows one is a person (`Treasury Secretary James Baker`). */
export const TITLES = set(`
  ${[...HONORIFICS].join(' ')} Secretary Minister Chairman Chairwoman Spokesman Spokeswoman
  Director Commissioner Ambassador Premier Coach Manager Captain Leader Deputy Chief`);

/** Month and weekday names: a chunk's leading calendar words are a date, not a name. */
export const CALENDAR = set(`
  January February March April May June July August September October November December
  Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
  Monday Tuesday Wednesday Thursday Friday Saturday Sunday`);

/** Legal forms at the end of a company's name, dropped from it (`Chrysler Corp` → `Chrysler`). */
export const LEGAL_FORMS = set('Inc Corp Co Ltd Plc PLC LLC Cos SA AG NV SpA GmbH');

/** Last words that make a name an organisation's, whatever comes before them. */
export const ORGANISATION_WORDS = set(`
  ${[...LEGAL_FORMS].join(' ')} Corporation Company Group Holdings Bank Party Council
  Commission Association Union Ministry Department Agency Committee Board Exchange Federation
  Organisation Organization Institute University College Club Fund Authority Trust Foundation
  Society Airlines Airways Motors Industries Parliament Congress Senate Court Police Army Navy
  Network Office Service Services Reserve Bureau League Securities Partners Brothers Community`);

/** Last words that make a name a place's (`Wall Street`, `River Thames` is not: the word must end it). */
export const PLACE_WORDS = set(`
  Street Avenue Road Square River Island Islands Bay Gulf Sea Ocean Lake County Province Airport
  Mountains Valley Peninsula Strait Canal`);
