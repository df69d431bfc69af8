/**
 * Writes segments while articles are still being read: articles gather in a
 * buffer that becomes a segment once it holds `segmentBytes` of text; full
 * buffers go to worker threads (started on first need, at most `workers`),
 * so reading and analysis run on different cores. A corpus smaller than one
 * buffer is written in the calling thread, with no worker started. Memory is
 * bounded by the buffers in flight: `add` reports when the caller should wait.
 */
import type { Worker } from 'node:worker_threads';
import type { Analyzer, AnalyzerSettings } from '../../analysis/analyzer.ts';
import { createEntityExtractor } from '../../analysis/entities/extract.ts';
import type { Article } from '../../types.ts';
import { moduleBeside, startWorker } from '../../workers.ts';
import { jsonTexts } from '../store.ts';
import { textDictionary } from '../store-blocks.ts';
import type { Segment } from './segment.ts';
import { SegmentGroups } from './segment-groups.ts';
import { type SegmentOptions, writeSegment } from './write-segment.ts';

export interface SegmentPoolOptions {
  /**
   * Worker threads that write segments (0: all in the calling thread).
   * @example 2
   */
  workers: number;
  /**
   * A buffer becomes a segment once its articles' text passes this many
   * UTF-16 code units (headline and body).
   * @example 16 * 1024 * 1024
   */
  segmentBytes: number;
  /** How segments' stored text is blocked and compressed. @example `{ level: 6 }` */
  segment: SegmentOptions;
  /**
   * Consecutive segments merged into one while the rest is still being
   * written (`segment-groups.ts`), so the merge at the end reads fewer,
   * larger segments (below 2: none merged early).
   * @example 8
   */
  groupSize: number;
  /** Worker script (tests may point elsewhere). */
  workerUrl: URL;
}

export const DEFAULT_SEGMENT_POOL_OPTIONS: SegmentPoolOptions = {
  workers: 2,
  segmentBytes: 16 * 1024 * 1024,
  segment: {},
  groupSize: 8,
  workerUrl: moduleBeside('./segment-worker', import.meta.url),
};

/** What a segment worker is sent. */
export interface ToSegmentWorker {
  seq: number;
  articles: Article[];
  analyzer: AnalyzerSettings;
  options: SegmentOptions;
}

/** What it answers: the segment, or why it could not write it. */
export type FromSegmentWorker = { seq: number; segment: Segment } | { seq: number; error: string };

export interface SegmentPool {
  /** Adds the next article; a promise means: wait for it before adding more. */
  add(article: Article): Promise<void> | undefined;
  /**
   * Writes what is buffered and returns every segment (some merged into
   * larger ones), in article order; the workers are stopped once it is in.
   */
  finish(): Promise<Segment[]>;
  /** Stops the workers (after `finish`, or to abandon the build). */
  close(): Promise<void>;
}

/**
 * A pool writing segments of articles analyzed by `analyzer`.
 * @example
 * ```ts
 * const pool = createSegmentPool(analyzer, { workers: 2 });
 * for (const article of articles) await pool.add(article);
 * const segments = await pool.finish();
 * ```
 */
export function createSegmentPool(
  analyzer: Analyzer,
  options: Partial<SegmentPoolOptions> = {},
): SegmentPool {
  const settings = { ...DEFAULT_SEGMENT_POOL_OPTIONS, ...options };
  return new Pool(analyzer, { ...settings, segment: { ...settings.segment } });
}

interface Job {
  resolve: (segment: Segment) => void;
  reject: (error: Error) => void;
}

class Pool implements SegmentPool {
  private buffer: Article[] = [];
  private bufferBytes = 0;
  /** One per segment dispatched: settled once it is written and handed to the groups. */
  private readonly results: Promise<void>[] = [];
  private readonly groups: SegmentGroups;
  private readonly idle: Worker[] = [];
  private readonly workers: Worker[] = [];
  private readonly jobs = new Map<number, Job>();
  private readonly waiting: (() => void)[] = [];
  /** Full buffers no worker has taken yet. */
  private readonly queue: ToSegmentWorker[] = [];
  /** Why a worker failed: the build stops there. */
  private failure: Error | undefined;
  /** Entities of the segments written in this thread. */
  private readonly entities = createEntityExtractor();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly settings: SegmentPoolOptions,
  ) {
    this.groups = new SegmentGroups(analyzer, settings.groupSize);
  }

  add(article: Article): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    this.buffer.push(article);
    this.bufferBytes += article.title.length + article.body.length;
    if (this.bufferBytes < this.settings.segmentBytes) return undefined;
    this.dispatch(this.takeBuffer());
    if (this.queue.length === 0) return undefined;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  async finish(): Promise<Segment[]> {
    if (this.failure) throw this.failure;
    const rest = this.takeBuffer();
    if (rest.length > 0) {
      if (this.results.length === 0) this.results.push(this.writeHere(rest));
      else this.dispatch(rest);
    }
    await Promise.all(this.results);
    // Idle from here on: their heaps go before the caller merges.
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    return this.groups.finish();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
    for (const job of this.jobs.values()) job.reject(new Error('the segment pool was closed'));
    this.jobs.clear();
  }

  /**
   * The stored text's preset dictionary, from the corpus's first articles
   * (the first buffer's), the same for every segment.
   */
  private dictionaryFrom(articles: readonly Article[]): void {
    this.settings.segment.dictionary ??= textDictionary(jsonTexts(articles));
  }

  private takeBuffer(): Article[] {
    const articles = this.buffer;
    this.buffer = [];
    this.bufferBytes = 0;
    return articles;
  }

  private writeHere(articles: Article[]): Promise<void> {
    this.dictionaryFrom(articles);
    try {
      const segment = writeSegment(articles, this.analyzer, this.settings.segment, this.entities);
      this.groups.add(this.results.length, segment);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Queues `articles` for a worker (or writes them here when the pool has none). */
  private dispatch(articles: Article[]): void {
    if (this.settings.workers === 0) {
      this.results.push(this.writeHere(articles));
      return;
    }
    this.dictionaryFrom(articles);
    const seq = this.results.length;
    const result = new Promise<Segment>((resolve, reject) => {
      this.jobs.set(seq, { resolve, reject });
    }).then((segment) => this.groups.add(seq, segment));
    result.catch(() => undefined);
    this.results.push(result);
    this.queue.push({
      seq,
      articles,
      analyzer: this.analyzer.settings,
      options: this.settings.segment,
    });
    this.pump();
  }

  /** Hands queued buffers to idle workers, starting workers up to the limit. */
  private pump(): void {
    while (this.queue.length > 0) {
      const worker =
        this.idle.pop() ?? (this.workers.length < this.settings.workers ? this.spawn() : undefined);
      const message = worker ? this.queue.shift() : undefined;
      if (!worker || !message) return;
      worker.postMessage(message);
    }
    for (const wake of this.waiting.splice(0)) wake();
  }

  private spawn(): Worker {
    const worker = startWorker(this.settings.workerUrl);
    this.workers.push(worker);
    worker.on('message', (message: FromSegmentWorker) => this.settle(worker, message));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      if (this.jobs.size > 0) this.failAll(new Error(`a segment worker exited with code ${code}`));
    });
    return worker;
  }

  private settle(worker: Worker, message: FromSegmentWorker): void {
    const job = this.jobs.get(message.seq);
    this.jobs.delete(message.seq);
    this.idle.push(worker);
    this.pump();
    if (!job) return;
    if ('segment' in message) job.resolve(message.segment);
    else job.reject(new Error(`writing a segment failed: ${message.error}`));
  }

  private failAll(error: Error): void {
    this.failure ??= new Error(`a segment worker failed: ${error.message}`, { cause: error });
    for (const job of this.jobs.values()) job.reject(this.failure);
    this.jobs.clear();
    this.queue.length = 0;
    for (const wake of this.waiting.splice(0)) wake();
  }
}
