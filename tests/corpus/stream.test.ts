/** streamCorpus: the corpus file by file, with a record of each file and the whole read's tally at the end. */
import { createHash } from 'node:crypto';
import { readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { txtParser } from '../../src/corpus/formats/txt.ts';
import {
  type CorpusStream,
  type FileBatch,
  readCorpus,
  streamCorpus,
} from '../../src/corpus/read.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import {
  makeTemp,
  mixedCorpus,
  removeTemp,
  writeBytes,
  writeTextArticles,
} from '../helpers/temp-corpus.ts';

async function collect(stream: CorpusStream): Promise<FileBatch[]> {
  const batches: FileBatch[] = [];
  for await (const batch of stream) batches.push(batch);
  return batches;
}

/** The fingerprint as documented: SHA-256 over each read file's `name \0 size \0 sha256 \n`, in order. */
async function expectedFingerprint(root: string, names: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const name of names) {
    const bytes = await readFile(join(root, name));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    hash.update(`${name}\0${bytes.length}\0${sha256}\n`);
  }
  return hash.digest('hex');
}

describe('streaming the mixed corpus', () => {
  let root: string;
  let stream: CorpusStream;
  let batches: FileBatch[];

  beforeAll(async () => {
    root = await mixedCorpus();
    stream = await streamCorpus(root);
    batches = await collect(stream);
  });
  afterAll(() => removeTemp(root));

  it('hands over one batch per file, in listing order, and knows how many before the first', () => {
    expect(stream.files).toBe(13);
    expect(batches.map((batch) => batch.file.name)).toEqual([
      'archive/old.txt.gz',
      'bad.txt.gz',
      'blob.txt',
      'budget.md',
      'empty.txt',
      'feeds/broken.rss',
      'feeds/world.rss',
      'page.html',
      'sport/001.txt',
      'sport/002.txt',
      'sport/003.txt',
      'wire/briefs.jsonl',
      'wire/desk.csv',
    ]);
  });

  it('gives the kept articles in reading order, an exact duplicate left out of its batch', () => {
    expect(batches.flatMap((batch) => batch.articles.map((article) => article.id))).toEqual([
      'archive/old',
      'budget',
      'feeds/world:world-1',
      'page',
      'sport/001',
      'sport/003',
      'wire/briefs:w1',
      'wire/briefs:w4',
      'wire/desk:c1',
      'wire/desk:c3',
    ]);
    const sport2 = batches.find((batch) => batch.file.name === 'sport/002.txt');
    expect(sport2?.file).toMatchObject({ ids: [], dropped: ['sport/002'] });
    expect(sport2?.articles).toEqual([]);
  });

  it('records each file as listed, with the SHA-256 of its raw bytes and the ids it kept', async () => {
    for (const { file, articles } of batches) {
      const path = join(root, file.relPath);
      const info = await stat(path);
      const bytes = await readFile(path);
      expect(file).toMatchObject({ size: info.size, mtimeMs: info.mtimeMs });
      expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(file.ids).toEqual(articles.map((article) => article.id));
    }
  });

  it("puts each problem in its file's batch, in the order the summary lists them", () => {
    for (const batch of batches) {
      expect(batch.problems.every((problem) => problem.file === batch.file.name)).toBe(true);
    }
    expect(batches.flatMap((batch) => batch.problems)).toEqual(stream.summary().problems);
    const kinds = (name: string) =>
      batches.find((batch) => batch.file.name === name)?.problems.map((problem) => problem.kind);
    expect(kinds('bad.txt.gz')).toEqual(['unreadable']);
    expect(kinds('blob.txt')).toEqual(['binary']);
    expect(kinds('empty.txt')).toEqual(['empty-record']);
  });

  it('sums up exactly what readCorpus returns, apart from the articles', async () => {
    const read = await readCorpus(root);
    const { articles, ...tally } = read;
    expect(stream.summary()).toEqual(tally);
    expect(batches.flatMap((batch) => batch.articles)).toEqual(articles);
    expect(tally).toMatchObject({ files: 13, skipped: 1, duplicates: 1 });
  });

  it("computes the fingerprint from the files' names, sizes and SHA-256s, in order", async () => {
    const names = batches.map((batch) => batch.file.name);
    expect(stream.summary().fingerprint).toBe(await expectedFingerprint(root, names));
  });
});

describe('streaming two folders as one corpus', () => {
  it('names each file with its folder and reads them as readCorpus does', async () => {
    const dir = await makeTemp();
    try {
      for (const desk of ['wires', 'desk']) await writeTextArticles(join(dir, desk), 'news', 2);
      await writeBytes(join(dir, 'wires/news/003.txt'), 'Oil prices report news 2\n\nOil.\n');
      const roots = [join(dir, 'wires'), join(dir, 'desk')];
      const stream = await streamCorpus(roots);
      const batches = await collect(stream);
      expect(batches.map((batch) => [batch.file.name, batch.file.relPath])).toEqual([
        ['desk/news/001.txt', 'news/001.txt'],
        ['desk/news/002.txt', 'news/002.txt'],
        ['wires/news/001.txt', 'news/001.txt'],
        ['wires/news/002.txt', 'news/002.txt'],
        ['wires/news/003.txt', 'news/003.txt'],
      ]);
      const { articles, ...tally } = await readCorpus(roots);
      expect(batches.flatMap((batch) => batch.articles)).toEqual(articles);
      expect(stream.summary()).toEqual(tally);
    } finally {
      await removeTemp(dir);
    }
  });
});

describe('a stream that cannot finish as it should', () => {
  it('is refused when awaited, before any file is read, when a folder is missing', async () => {
    const error = await streamCorpus('/nonexistent/newsdesk-corpus').catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CORPUS_MISSING')).toBe(true);
  });

  it('hands over every file, then ends with CORPUS_EMPTY when none held an article', async () => {
    const root = await makeTemp();
    try {
      await writeBytes(join(root, 'a.txt'), '\n\n');
      await writeBytes(join(root, 'b.txt'), '\n');
      const stream = await streamCorpus(root);
      const seen: string[] = [];
      const error = await (async () => {
        for await (const batch of stream) seen.push(batch.file.name);
      })().catch((e: unknown) => e);
      expect(seen).toEqual(['a.txt', 'b.txt']);
      expect(isNewsdeskError(error, 'CORPUS_EMPTY')).toBe(true);
      expect(String(error)).toContain('a.txt');
      expect(() => stream.summary()).toThrow(/after the last file/);
    } finally {
      await removeTemp(root);
    }
  });

  it('has no summary before the last file, nor after the reader stops early', async () => {
    const root = await makeTemp();
    try {
      await writeTextArticles(root, 'news', 3);
      const stream = await streamCorpus(root);
      expect(() => stream.summary()).toThrow(/after the last file/);
      for await (const batch of stream) if (batch.file.name.endsWith('002.txt')) break;
      expect(() => stream.summary()).toThrow(/after the last file/);
    } finally {
      await removeTemp(root);
    }
  });
});

describe('files that change while the stream reads them', () => {
  it('still gives the record of a file that vanished, with an unreadable problem', async () => {
    const root = await makeTemp();
    try {
      await writeTextArticles(root, 'news', 8);
      const stream = await streamCorpus(root, { readAhead: { files: 2 } });
      const batches: FileBatch[] = [];
      for await (const batch of stream) {
        if (batches.length === 0) await unlink(join(root, 'news/006.txt'));
        batches.push(batch);
      }
      const gone = batches[5];
      expect(gone?.file).toMatchObject({ name: 'news/006.txt', ids: [], dropped: [] });
      expect(gone?.file.sha256).toBeUndefined();
      expect(gone?.file.size).toBeGreaterThan(0);
      expect(gone?.articles).toEqual([]);
      expect(gone?.problems).toEqual([
        {
          file: 'news/006.txt',
          kind: 'unreadable',
          reason: expect.stringMatching(/removed after the corpus was listed.*ENOENT/),
        },
      ]);
      expect(batches).toHaveLength(8);
      expect(stream.summary().problems).toEqual(gone?.problems);
    } finally {
      await removeTemp(root);
    }
  });
});

describe('the read-ahead bound, seen from outside the reader', () => {
  it('never has more raw bytes or files read and not yet parsed than it allows', async () => {
    const root = await makeTemp();
    try {
      const sizes: number[] = [];
      for (let n = 0; n < 60; n++) {
        const words = 'word '.repeat(50 + ((n * 37) % 400));
        const text = `Story ${n}\n\nReport ${n}: ${words}\n`;
        sizes.push(Buffer.byteLength(text));
        await writeBytes(join(root, `${String(n).padStart(3, '0')}.txt`), text);
      }
      const limit = { files: 6, bytes: 4096 };
      const inFlight = new Map<string, number>();
      const breaches: string[] = [];
      let most = 0;
      const readWatched = (path: string) => {
        const name = path.slice(root.length + 1);
        inFlight.set(name, sizes[Number(name.slice(0, 3))] ?? 0);
        const total = [...inFlight.values()].reduce((sum, size) => sum + size, 0);
        most = Math.max(most, total);
        if (inFlight.size > limit.files) breaches.push(`${inFlight.size} files`);
        if (inFlight.size > 1 && total > limit.bytes) breaches.push(`${total} bytes`);
        return readFile(path);
      };
      const parser = {
        ...txtParser,
        parse: (file: Parameters<typeof txtParser.parse>[0]) => {
          inFlight.delete(file.relPath);
          return txtParser.parse(file);
        },
      };
      const stream = await streamCorpus(root, {
        readAhead: limit,
        readFile: readWatched,
        parsers: [parser],
      });
      const batches = await collect(stream);
      expect(breaches).toEqual([]);
      expect(most).toBeGreaterThan(limit.bytes - Math.max(...sizes));
      expect(batches.flatMap((batch) => batch.file.ids)).toEqual(
        sizes.map((_, n) => String(n).padStart(3, '0')),
      );
    } finally {
      await removeTemp(root);
    }
  });
});
