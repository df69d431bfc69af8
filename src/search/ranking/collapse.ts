/**
 * One result per story: a ranked list collapsed so that the best-ranked
 * article of each near-duplicate cluster (`index/near-duplicates.ts`) stands
 * for the others, which it lists as similar versions. Collapsing happens
 * after ranking and before paging, so page 2 starts where page 1 ended.
 */
import { type Clusters, clusterMembers, NO_CLUSTER } from '../../index/near-duplicates.ts';
import { indexOfSorted } from '../../index/postings.ts';
import type { Candidates } from '../matching/candidates.ts';
import type { Ranked } from './rank.ts';

/** How many stories a result set holds, counting each cluster once. */
export interface StoryCounts {
  /** Stories with an article that matches every required clause. */
  full: number;
  /** Stories whose listed articles match only some clauses. */
  partial: number;
  /** Listed articles that a better-ranked version of the same story stands for. */
  folded: number;
}

/**
 * The stories among `candidates`: a cluster counts once, as full when any
 * of its articles there is a full match.
 */
export function countStories(candidates: Candidates, clusters: Clusters): StoryCounts {
  const fullCluster = new Map<number, boolean>();
  let full = 0;
  let partial = 0;
  const { docs } = candidates;
  for (let i = 0; i < docs.length; i++) {
    const isFull = (candidates.full[i] ?? 0) > 0;
    const cluster = clusters.of[docs[i] ?? 0] ?? NO_CLUSTER;
    if (cluster === NO_CLUSTER) {
      if (isFull) full++;
      else partial++;
      continue;
    }
    const seen = fullCluster.get(cluster);
    if (seen === undefined) {
      fullCluster.set(cluster, isFull);
      if (isFull) full++;
      else partial++;
    } else if (isFull && !seen) {
      fullCluster.set(cluster, true);
      full++;
      partial--;
    }
  }
  return { full, partial, folded: candidates.docs.length - full - partial };
}

/** `ranked` with every result after the first of its cluster left out; order kept. */
export function collapseRanked(ranked: readonly Ranked[], clusters: Clusters): Ranked[] {
  const seen = new Set<number>();
  return ranked.filter((hit) => {
    const cluster = clusters.of[hit.doc] ?? NO_CLUSTER;
    if (cluster === NO_CLUSTER) return true;
    if (seen.has(cluster)) return false;
    seen.add(cluster);
    return true;
  });
}

/** How many other articles of `doc`'s cluster are among `candidates` (0 without a cluster). */
export function otherVersions(candidates: Candidates, clusters: Clusters, doc: number): number {
  const cluster = clusters.of[doc] ?? NO_CLUSTER;
  if (cluster === NO_CLUSTER) return 0;
  let count = 0;
  for (const member of clusterMembers(clusters, cluster)) {
    if (member !== doc && indexOfSorted(candidates.docs, member) >= 0) count++;
  }
  return count;
}

/** `candidates` narrowed to the articles of cluster `cluster` (none for an unknown cluster). */
export function onlyCluster(
  candidates: Candidates,
  clusters: Clusters,
  cluster: number,
): Candidates {
  const keep: number[] = [];
  for (const member of clusterMembers(clusters, cluster)) {
    const at = indexOfSorted(candidates.docs, member);
    if (at >= 0) keep.push(at);
  }
  const full = Uint8Array.from(keep, (at) => candidates.full[at] ?? 0);
  const fullCount = full.reduce((sum, tier) => sum + (tier > 0 ? 1 : 0), 0);
  return {
    ...candidates,
    docs: Uint32Array.from(keep, (at) => candidates.docs[at] ?? 0),
    full,
    matched: Uint8Array.from(keep, (at) => candidates.matched[at] ?? 0),
    fullCount,
    partialCount: keep.length - fullCount,
  };
}
