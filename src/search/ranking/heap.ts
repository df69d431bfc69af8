/**
 * A bounded heap of candidate indices whose root is the worst kept (a
 * max-heap by rank), for keeping the k best of many at one comparison each.
 */

/** Negative when candidate `a` ranks before `b`. */
export type Compare = (a: number, b: number) => number;

/**
 * Keeps `i` among the `k` best of `heap` by `compare`: pushed while there is
 * room, else put in the worst's place when it ranks before it.
 */
export function offer(heap: number[], i: number, k: number, compare: Compare): void {
  if (heap.length < k) {
    heap.push(i);
    siftUp(heap, heap.length - 1, compare);
  } else if (compare(i, heap[0] ?? 0) < 0) {
    heap[0] = i;
    siftDown(heap, 0, compare);
  }
}

/**
 * Indices `0…n-1` of the `k` best by `compare`, best first: a bounded heap
 * whose root is the worst kept, so most candidates cost one comparison.
 */
export function topK(n: number, k: number, compare: Compare): number[] {
  if (k <= 0 || n === 0) return [];
  const heap: number[] = [];
  for (let i = 0; i < n; i++) offer(heap, i, k, compare);
  return heap.sort(compare);
}

function siftUp(heap: number[], at: number, compare: Compare): void {
  let child = at;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (compare(heap[parent] ?? 0, heap[child] ?? 0) >= 0) return;
    swap(heap, parent, child);
    child = parent;
  }
}

function siftDown(heap: number[], at: number, compare: Compare): void {
  let parent = at;
  for (;;) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let worst = parent;
    if (left < heap.length && compare(heap[left] ?? 0, heap[worst] ?? 0) > 0) worst = left;
    if (right < heap.length && compare(heap[right] ?? 0, heap[worst] ?? 0) > 0) worst = right;
    if (worst === parent) return;
    swap(heap, parent, worst);
    parent = worst;
  }
}

function swap(heap: number[], a: number, b: number): void {
  const value = heap[a] ?? 0;
  heap[a] = heap[b] ?? 0;
  heap[b] = value;
}
