/**
 * Which documents a clause matches, without scoring them: sorted typed
 * arrays decoded straight from the postings and merged. The exact counts
 * (totals, facets, tiers) need every match; scores are computed later, and
 * only for the documents that can still reach the page (`ranking/top-k.ts`).
 */
import { decodeDocIds } from '../../index/codec/doc-ids.ts';
import { fieldEntries } from '../../index/postings.ts';
import type { PlanNode, WordPlan } from '../../query/plan.ts';
import { type ClauseContext, evaluate } from './clauses.ts';

const NONE = new Uint32Array(0);

/** The documents matching `node`, ascending: words from their postings alone, the rest evaluated. */
export function clauseDocs(node: PlanNode, context: ClauseContext): Uint32Array {
  return node.kind === 'word' ? wordDocs(node, context) : evaluate(node, context).docs;
}

/** The documents holding any of the word's terms in any of its fields, ascending. */
export function wordDocs(word: WordPlan, context: ClauseContext): Uint32Array {
  const { postings, workspace } = context.index;
  const entries = word.terms.flatMap((term) =>
    fieldEntries(postings, term.id).filter((entry) => word.fields.includes(entry.field)),
  );
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  if (entries.length > 1 && total * MARKING_SHARE >= postings.documentCount) {
    // Most of the corpus: marked in one array and swept, instead of merged list by list.
    const marks = workspace.bytes();
    const docs = new Uint32Array(Math.max(...entries.map((entry) => entry.count)));
    try {
      for (const entry of entries) {
        const n = decodeDocIds(postings, entry, docs, 0);
        for (let i = 0; i < n; i++) marks[docs[i] ?? 0] = 1;
      }
      return sweep(marks, total);
    } finally {
      workspace.release(marks);
    }
  }
  return uniteDocs(
    entries.map((entry) => {
      const docs = new Uint32Array(entry.count);
      decodeDocIds(postings, entry, docs, 0);
      return docs;
    }),
  );
}

/** Lists holding together at least 1 / this of the documents are united by marking. */
const MARKING_SHARE = 4;

/** The marked documents, ascending (at most `most` of them). */
function sweep(marks: Uint8Array, most: number): Uint32Array {
  const out = new Uint32Array(Math.min(most, marks.length));
  let n = 0;
  for (let doc = 0; doc < marks.length; doc++) if (marks[doc] !== 0) out[n++] = doc;
  return n === out.length ? out : out.slice(0, n);
}

/** The union of ascending lists, ascending: merged in pairs, smallest first. */
export function uniteDocs(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return NONE;
  const round = [...lists].sort((a, b) => a.length - b.length);
  while (round.length > 1) {
    const a = round.shift() ?? NONE;
    const b = round.shift() ?? NONE;
    const merged = mergeDocs(a, b);
    let at = 0;
    while (at < round.length && (round[at]?.length ?? 0) < merged.length) at++;
    round.splice(at, 0, merged);
  }
  return round[0] ?? NONE;
}

/** The documents in every one of ascending `lists`, ascending: the shortest list probed in the others. */
export function intersectDocs(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 0) return NONE;
  const [shortest = NONE, ...others] = [...lists].sort((a, b) => a.length - b.length);
  const out = new Uint32Array(shortest.length);
  const at = others.map(() => 0);
  let n = 0;
  for (let i = 0; i < shortest.length; i++) {
    const doc = shortest[i] ?? 0;
    let inAll = true;
    for (let o = 0; o < others.length && inAll; o++) {
      const list = others[o] ?? NONE;
      const found = gallop(list, doc, at[o] ?? 0);
      at[o] = found;
      inAll = list[found] === doc;
    }
    if (inAll) out[n++] = doc;
  }
  return out.slice(0, n);
}

/** The first index from `start` of ascending `docs` whose document is at least `doc`. */
function gallop(docs: Uint32Array, doc: number, start: number): number {
  let low = start;
  let step = 1;
  while (low + step < docs.length && (docs[low + step] ?? 0) < doc) {
    low += step;
    step *= 2;
  }
  let high = Math.min(low + step, docs.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((docs[middle] ?? 0) < doc) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Documents in either ascending list, once each. */
export function mergeDocs(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x <= y) {
      out[n++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++] ?? 0;
  while (j < b.length) out[n++] = b[j++] ?? 0;
  return n === out.length ? out : out.slice(0, n);
}
