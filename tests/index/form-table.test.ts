import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FormTable,
  HASH_SEED,
  hashFinish,
  hashRange,
  hashStep,
  skipOf,
} from '../../src/index/form-table.ts';

describe('FormTable', () => {
  it('gives each distinct string one dense id, found again from any text it occurs in', () => {
    const forms = new FormTable();
    expect(forms.add('oil', 0, 3)).toBe(0);
    expect(forms.add('the price of gas', 13, 16)).toBe(1);
    expect(forms.find('crude oil rose', 6, 9)).toBe(0);
    expect(forms.find('gas', 0, 3)).toBe(1);
    expect(forms.find('oils', 0, 4)).toBe(-1);
    expect(forms.find('oi', 0, 2)).toBe(-1);
    expect(forms.size).toBe(2);
    expect([forms.text(0), forms.text(1)]).toEqual(['oil', 'gas']);
  });

  it.each([
    ['commas', '2,500,000', ',', '2500000'],
    ['apostrophes', "rock'n'roll", "'", 'rocknroll'],
    ['hyphens and ampersands', 'AT&T-Mobile', '-&', 'ATTMobile'],
    ['periods', 'U.S.A', '.', 'USA'],
  ])('leaves the skipped %s out of a form: %s is %s', (_, text, chars, form) => {
    const forms = new FormTable();
    const id = forms.add(text, 0, text.length, skipOf(chars));
    expect(forms.text(id)).toBe(form);
    expect(forms.find(form, 0, form.length)).toBe(id);
    expect(forms.find(text, 0, text.length, skipOf(chars))).toBe(id);
    expect(hashRange(text, 0, text.length, skipOf(chars))).toBe(hashRange(form, 0, form.length));
  });

  it('hashes code unit by code unit as hashRange does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        let hash = HASH_SEED;
        for (let i = 0; i < text.length; i++) hash = hashStep(hash, text.charCodeAt(i));
        expect(hashFinish(hash)).toBe(hashRange(text, 0, text.length));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('keeps every form exactly, lone surrogates and long forms included, as the table grows', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 300 }),
        (texts) => {
          const forms = new FormTable();
          texts.forEach((text, id) => {
            expect(forms.find(text, 0, text.length)).toBe(-1);
            expect(forms.add(text, 0, text.length)).toBe(id);
          });
          texts.forEach((text, id) => {
            expect(forms.find(`<${text}>`, 1, text.length + 1)).toBe(id);
            expect(forms.text(id)).toBe(text);
          });
        },
      ),
      { seed: 11, numRuns: 100 },
    );
    const forms = new FormTable();
    const long = 'x'.repeat(300_000);
    for (let n = 0; n < 100_000; n++) forms.add(`w${n}`, 0, `w${n}`.length);
    const id = forms.add(long, 0, long.length);
    expect(forms.text(id)).toBe(long);
    expect(forms.find('w99999', 0, 6)).toBe(99_999);
    expect(forms.find('w0', 0, 2)).toBe(0);
    expect(forms.size).toBe(100_001);
  });
});
