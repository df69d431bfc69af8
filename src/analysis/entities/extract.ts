/**
 * Entity extraction for one article: the scanner's name chunks, each
 * classified (`classify.ts`), then the article's name variants folded into
 * one entity (`variants.ts`). The result depends only on the article (and on
 * compromise's fixed lexicon), never on the rest of the corpus, so an
 * incremental update extracts exactly what a full rebuild does. A change to
 * these rules changes what a snapshot holds: bump SNAPSHOT_FORMAT_VERSION
 * (src/index/snapshot-format.ts) with it, so older snapshots are rebuilt.
 */
import type { ArticleEntities } from '../../types.ts';
import {
  type ChunkClassifier,
  type ClassifierOptions,
  createChunkClassifier,
  DEFAULT_CLASSIFIER_OPTIONS,
} from './classify.ts';
import { scanNames } from './scan.ts';
import { type Mention, resolveVariants } from './variants.ts';

/** How entities are extracted. */
export interface EntityOptions extends ClassifierOptions {
  /** Most values of each kind kept per article, the most mentioned first. @example 20 */
  maxPerKind?: number;
}

export const DEFAULT_ENTITY_OPTIONS: Required<EntityOptions> = {
  ...DEFAULT_CLASSIFIER_OPTIONS,
  maxPerKind: 30,
};

/** The entities of articles; create one per thread and pass it in (its classifier remembers chunks). */
export interface EntityExtractor {
  /**
   * The people, places and organisations named in `title` and `body`.
   * @example extractor.extract('Blair in Iraq', 'Mr Tony Blair visited Baghdad.').people // ['Tony Blair']
   */
  extract(title: string, body: string): ArticleEntities;
  readonly classifier: ChunkClassifier;
}

/** A new extractor with its own classifier memory. */
export function createEntityExtractor(options: EntityOptions = {}): EntityExtractor {
  const settings = { ...DEFAULT_ENTITY_OPTIONS, ...options };
  const classifier = createChunkClassifier(settings);
  return {
    classifier,
    extract(title, body) {
      const mentions: Mention[] = [];
      for (const text of [title, body]) {
        for (const chunk of scanNames(text)) {
          const { kind, name } = classifier.classify(chunk.text, chunk.honorific);
          const { text: chunkText, honorific, before } = chunk;
          mentions.push({ text: chunkText, honorific, before, kind, name });
        }
      }
      return resolveVariants(mentions, settings.maxPerKind);
    },
  };
}
