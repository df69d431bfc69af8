/** Several query forms evaluated side by side. */
import { describe, expect, it } from 'vitest';
import { evaluateForms, formatForms } from '../../src/eval/forms.ts';
import type { RankingSystem } from '../../src/eval/systems.ts';
import type { Qrels } from '../../src/eval/topics.ts';

const qrels: Qrels = new Map([['q1', new Map([['a', 1]])]]);

/** A system that returns `a` first for short queries and second for long ones. */
const wordy: RankingSystem = {
  name: 'wordy',
  rank: (query, depth) => (query.includes(' ') ? ['x', 'a'] : ['a', 'x']).slice(0, depth),
};
const blank: RankingSystem = { name: 'blank', rank: () => [] };

const forms = [
  { name: 'short', queries: [{ id: 'q1', text: 'oil' }] },
  { name: 'verbose', queries: [{ id: 'q1', text: 'what about oil' }] },
];

describe('evaluateForms', () => {
  it('scores every system on every form, in order', () => {
    const results = evaluateForms([wordy, blank], forms, qrels, 10);
    expect(results.map((row) => row.name)).toEqual(['wordy', 'blank']);
    expect(results[0]?.forms.map((entry) => [entry.form, entry.report.mrr])).toEqual([
      ['short', 1],
      ['verbose', 0.5],
    ]);
    expect(results[1]?.forms.map((entry) => entry.report.map)).toEqual([0, 0]);
  });

  it('passes the depth to each system', () => {
    const results = evaluateForms([wordy], forms, qrels, 1);
    expect(results[0]?.forms[1]?.report.perQuery[0]?.retrieved).toBe(1);
  });
});

describe('formatForms', () => {
  it('prints one group of the four means per form, under the form names', () => {
    const lines = formatForms(evaluateForms([wordy, blank], forms, qrels, 10)).split('\n');
    expect(lines).toEqual([
      '       | short                           | verbose',
      'system |     MAP nDCG@10    P@10     MRR |     MAP nDCG@10    P@10     MRR',
      'wordy  |  1.0000  1.0000  0.1000  1.0000 |  0.5000  0.6309  0.1000  0.5000',
      'blank  |  0.0000  0.0000  0.0000  0.0000 |  0.0000  0.0000  0.0000  0.0000',
    ]);
  });

  it('prints only the header for no systems', () => {
    expect(formatForms([])).toBe('\nsystem');
  });
});
