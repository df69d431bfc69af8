import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import type { EvalReport, Judgements } from '../../src/eval/metrics.ts';
import {
  averagePrecision,
  evaluateRun,
  formatReport,
  ndcgAt,
  precisionAt,
  reciprocalRank,
} from '../../src/eval/metrics.ts';
import type { Qrels } from '../../src/eval/topics.ts';

/** Judgements from `doc: grade` pairs. */
const judged = (grades: Record<string, number>): Judgements => new Map(Object.entries(grades));

/** Documents a, b, c relevant; the rest unjudged. */
const abc = judged({ a: 1, b: 1, c: 1 });

describe('averagePrecision', () => {
  it.each([
    // Relevant at ranks 1, 3 and 6 of 3 relevant: (1/1 + 2/3 + 3/6) / 3 = 0.7222…
    [
      'relevant at ranks 1, 3, 6 of 3',
      ['a', 'x', 'b', 'y', 'z', 'c'],
      abc,
      (1 + 2 / 3 + 3 / 6) / 3,
    ],
    // Relevant at ranks 1 and 3, a third never retrieved: (1/1 + 2/3) / 3.
    ['a relevant document never retrieved', ['a', 'x', 'b'], abc, (1 + 2 / 3) / 3],
    ['a perfect ranking', ['c', 'b', 'a', 'x'], abc, 1],
    ['no relevant document retrieved', ['x', 'y'], abc, 0],
    ['an empty run', [], abc, 0],
    ['a query with no judgements', ['a'], judged({}), 0],
    ['a query judged all not relevant', ['a'], judged({ a: 0, b: 0 }), 0],
    // Grade 0 is judged not relevant; grades 1 and 2 are both relevant: (1/2 + 2/3) / 2.
    ['graded judgements', ['n', 'a', 'b'], judged({ n: 0, a: 2, b: 1 }), (1 / 2 + 2 / 3) / 2],
    // Duplicates count once: [a, a, b] scores as [a, b] = (1/1 + 2/2) / 2, not 1.5.
    ['a repeated relevant document', ['a', 'a', 'b'], judged({ a: 1, b: 1 }), 1],
    // [x, x, a] scores as [x, a]: the relevant document is at rank 2.
    ['a repeated non-relevant document', ['x', 'x', 'a'], judged({ a: 1 }), 1 / 2],
  ])('scores %s', (_, ranked, relevant, expected) => {
    expect(averagePrecision(ranked, relevant)).toBeCloseTo(expected, 10);
  });
});

describe('ndcgAt', () => {
  const graded = judged({ a: 3, b: 2, c: 0 });
  it.each([
    // DCG = 2/log2(2) + 0/log2(3) + 3/log2(4) = 2 + 1.5 = 3.5;
    // IDCG = 3/log2(2) + 2/log2(3) = 3 + 1.2619 = 4.2619; nDCG = 0.8212.
    ['graded gains in a poor order', 10, ['b', 'c', 'a'], graded, 3.5 / (3 + 2 / Math.log2(3))],
    ['graded gains in the ideal order', 10, ['a', 'b', 'c'], graded, 1],
    ['the cut-off hiding the only relevant document', 1, ['c', 'a'], graded, 0],
    // DCG@2 = 0 + 1/log2(3); IDCG@2 = 1/log2(2) = 1.
    ['a relevant document at rank 2', 2, ['x', 'a'], judged({ a: 1 }), 1 / Math.log2(3)],
    // The ideal list is cut at k too: IDCG@1 = 1, so one relevant at rank 1 is perfect.
    ['an ideal list longer than k', 1, ['a'], judged({ a: 1, b: 1 }), 1],
    ['no relevant document judged', 10, ['a'], judged({ a: 0 }), 0],
    ['an empty run', 10, [], graded, 0],
    // [a, a, b] scores as [a, b], the ideal order.
    ['a repeated relevant document', 10, ['a', 'a', 'b'], judged({ a: 1, b: 1 }), 1],
  ])('scores %s', (_, k, ranked, grades, expected) => {
    expect(ndcgAt(k, ranked, grades)).toBeCloseTo(expected, 10);
  });
});

describe('precisionAt', () => {
  it.each([
    ['fewer results than k (still divided by k)', 10, ['a', 'x', 'b'], abc, 2 / 10],
    ['more results than k', 2, ['a', 'x', 'b'], abc, 1 / 2],
    ['a judged not relevant document', 2, ['n', 'a'], judged({ n: 0, a: 1 }), 1 / 2],
    ['an empty run', 10, [], abc, 0],
    // [a, a, b, x] scores as [a, b, x]: two relevant in the top 3.
    ['a repeated relevant document', 3, ['a', 'a', 'b', 'x'], abc, 2 / 3],
  ])('scores %s', (_, k, ranked, relevant, expected) => {
    expect(precisionAt(k, ranked, relevant)).toBeCloseTo(expected, 10);
  });
});

describe('reciprocalRank', () => {
  it.each([
    ['a relevant document first', ['a', 'x'], 1],
    ['the first relevant document at rank 3', ['x', 'y', 'a', 'b'], 1 / 3],
    ['no relevant document', ['x', 'y'], 0],
    ['an empty run', [], 0],
    ['a repeated non-relevant document', ['x', 'x', 'a'], 1 / 2],
  ])('scores %s', (_, ranked, expected) => {
    expect(reciprocalRank(ranked, abc)).toBeCloseTo(expected, 10);
  });
});

describe('the cut-off of a metric', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses k = %d with a USAGE error', (k) => {
    for (const metric of [ndcgAt, precisionAt]) {
      const error = (() => {
        try {
          metric(k, ['a'], abc);
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(isNewsdeskError(error, 'USAGE')).toBe(true);
      expect((error as Error).message).toBe(
        `a metric cut-off must be a positive integer, got ${k}`,
      );
    }
  });
});

describe('the metrics as invariants', () => {
  const doc = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'x', 'y');
  const ranking = fc.array(doc, { maxLength: 15 });
  const judgements = fc
    .dictionary(doc, fc.integer({ min: 0, max: 3 }), { maxKeys: 8 })
    .map((grades) => judged(grades));
  const cutoff = fc.integer({ min: 1, max: 12 });

  /** Every metric of `ranked`, at cut-off `k`. */
  const all = (k: number, ranked: string[], grades: Judgements): number[] => [
    averagePrecision(ranked, grades),
    ndcgAt(k, ranked, grades),
    precisionAt(k, ranked, grades),
    reciprocalRank(ranked, grades),
  ];

  it('keeps every score between 0 and 1', () => {
    fc.assert(
      fc.property(cutoff, ranking, judgements, (k, ranked, grades) => {
        for (const score of all(k, ranked, grades)) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(1 + 1e-12);
        }
      }),
    );
  });

  it('gives the ideal ranking a perfect AP, nDCG and reciprocal rank', () => {
    fc.assert(
      fc.property(cutoff, judgements, (k, grades) => {
        const ideal = [...grades].filter(([, g]) => g > 0).sort(([, g], [, h]) => h - g);
        fc.pre(ideal.length > 0);
        const ranked = ideal.map(([id]) => id);
        expect(averagePrecision(ranked, grades)).toBeCloseTo(1, 10);
        expect(ndcgAt(k, ranked, grades)).toBeCloseTo(1, 10);
        expect(reciprocalRank(ranked, grades)).toBe(1);
      }),
    );
  });

  it('scores a ranking with repeats as the same ranking without them', () => {
    fc.assert(
      fc.property(cutoff, ranking, judgements, (k, ranked, grades) => {
        const repeated = ranked.flatMap((id) => [id, id]);
        expect(all(k, repeated, grades)).toEqual(all(k, ranked, grades));
      }),
    );
  });
});

describe('evaluateRun', () => {
  const qrels: Qrels = new Map([
    [
      'q1',
      new Map([
        ['a', 1],
        ['b', 1],
        ['c', 0],
      ]),
    ],
    ['q2', new Map([['d', 2]])],
    ['q3', new Map([['e', 0]])],
  ]);
  const run = new Map([
    ['q1', ['a', 'x', 'b']],
    ['q3', ['y']],
    ['q9', ['z']],
  ]);

  it('averages over the given queries, counting missing and unjudged ones as 0', () => {
    const report = evaluateRun(run, qrels, ['q1', 'q2', 'q3']);
    // q1: AP = (1/1 + 2/3) / 2; nDCG@10 = (1 + 1/log2 4) / (1 + 1/log2 3); P@10 = 2/10; RR = 1.
    // q2 is missing from the run and q3 has no relevant document: both score 0 everywhere.
    const q1 = { ap: (1 + 2 / 3) / 2, ndcg10: 1.5 / (1 + 1 / Math.log2(3)), p10: 0.2, rr: 1 };
    expect(report.queries).toBe(3);
    expect(report.map).toBeCloseTo(q1.ap / 3, 10);
    expect(report.ndcg10).toBeCloseTo(q1.ndcg10 / 3, 10);
    expect(report.p10).toBeCloseTo(q1.p10 / 3, 10);
    expect(report.mrr).toBeCloseTo(1 / 3, 10);
    expect(report.perQuery.map(({ id, retrieved, relevant }) => [id, retrieved, relevant])).toEqual(
      [
        ['q1', 3, 2],
        ['q2', 0, 1],
        ['q3', 1, 0],
      ],
    );
    expect(report.perQuery[0]?.ap).toBeCloseTo(q1.ap, 10);
    expect(
      report.perQuery.slice(1).flatMap(({ ap, ndcg10, p10, rr }) => [ap, ndcg10, p10, rr]),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('ignores run entries for other queries and counts a repeated query id once', () => {
    const report = evaluateRun(run, qrels, ['q1', 'q1']);
    expect(report.queries).toBe(1);
    expect(report.perQuery.map((scores) => scores.id)).toEqual(['q1']);
    expect(report.mrr).toBe(1);
  });

  it('reports zero means over no queries', () => {
    expect(evaluateRun(run, qrels, [])).toEqual({
      queries: 0,
      map: 0,
      ndcg10: 0,
      p10: 0,
      mrr: 0,
      perQuery: [],
    });
  });
});

describe('formatReport', () => {
  /** A report with the given means and no per-query rows. */
  const report = (map: number, ndcg10: number, p10: number, mrr: number): EvalReport => ({
    queries: 1,
    map,
    ndcg10,
    p10,
    mrr,
    perQuery: [],
  });

  it('adds the relative difference of the first system over the second when there are two', () => {
    const text = formatReport([
      { name: 'bm25', report: report(0.3, 0.4, 0.5, 0.6) },
      { name: 'tfidf', report: report(0.2, 0.4, 0.4, 0.8) },
    ]);
    expect(text).toBe(
      [
        'system             MAP  nDCG@10     P@10      MRR',
        'bm25            0.3000   0.4000   0.5000   0.6000',
        'tfidf           0.2000   0.4000   0.4000   0.8000',
        'bm25 vs tfidf  +50.00%   +0.00%  +25.00%  -25.00%',
      ].join('\n'),
    );
  });

  it('writes n/a for a difference over a zero score', () => {
    const text = formatReport([
      { name: 'a', report: report(0.1, 0, 0, 0.5) },
      { name: 'b', report: report(0, 0, 0.5, 0.5) },
    ]);
    expect(text.split('\n')[3]).toBe('a vs b     n/a      n/a  -100.00%  +0.00%');
  });

  it.each([
    ['one system', 1],
    ['three systems', 3],
  ])('writes no difference line for %s', (_, count) => {
    const rows = Array.from({ length: count }, (_, index) => ({
      name: `run${index}`,
      report: report(0.12345, 1, 0, 0.5),
    }));
    const lines = formatReport(rows).split('\n');
    expect(lines).toHaveLength(count + 1);
    expect(lines[1]).toBe('run0    0.1235   1.0000  0.0000  0.5000');
  });
});
