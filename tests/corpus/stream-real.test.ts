/** streamCorpus over BBC + Reuters (../shared/corpora, read-only), checked against readCorpus and the files themselves. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CorpusRead,
  type CorpusSummary,
  type FileBatch,
  readCorpus,
  streamCorpus,
} from '../../src/corpus/read.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const ROOTS = [join(CORPORA, 'bbc'), join(CORPORA, 'reuters21578')];
const OPTIONS = { exclude: ['*.lc.txt', 'cat-descriptions*'] };

describe('BBC + Reuters streamed file by file', () => {
  let batches: FileBatch[];
  let summary: CorpusSummary;
  let read: CorpusRead;

  beforeAll(async () => {
    const stream = await streamCorpus(ROOTS, OPTIONS);
    batches = [];
    for await (const batch of stream) batches.push(batch);
    summary = stream.summary();
    read = await readCorpus(ROOTS, OPTIONS);
  });

  it('gives the articles, problems, counts and fingerprint readCorpus gives', () => {
    const { articles, ...tally } = read;
    expect(summary).toEqual(tally);
    const streamed = batches.flatMap((batch) => batch.articles);
    expect(streamed.length).toBe(articles.length);
    expect(streamed.map((article) => article.id)).toEqual(articles.map((article) => article.id));
    expect(streamed).toEqual(articles);
  });

  it('has every BBC file give its one article, kept under its path or dropped as a copy', () => {
    const bbc = batches.filter((batch) => batch.file.name.startsWith('bbc/'));
    expect(bbc).toHaveLength(2225);
    const names = bbc.map((batch) => batch.file.name);
    expect(names).toEqual([...names].sort());
    for (const { file } of bbc) {
      expect([...file.ids, ...file.dropped]).toEqual([file.name.slice(0, -'.txt'.length)]);
    }
    expect(bbc.filter((batch) => batch.file.ids.length === 1)).toHaveLength(2127);
  });

  it('has each Reuters file account for its records: kept, dropped as copies, or a problem', () => {
    const sgm = batches.filter((batch) => batch.file.name.endsWith('.sgm.gz'));
    expect(sgm).toHaveLength(22);
    const records = sgm.reduce(
      (sum, { file, problems }) => sum + file.ids.length + file.dropped.length + problems.length,
      0,
    );
    expect(records).toBe(21578);
    for (const { file } of sgm) {
      const base = `${file.name.slice(0, -'.sgm.gz'.length)}:`;
      expect(file.ids.every((id) => id.startsWith(base))).toBe(true);
    }
  });

  it('counts every dropped copy once, in the file it came from', () => {
    const dropped = batches.reduce((sum, batch) => sum + batch.file.dropped.length, 0);
    expect(dropped).toBe(summary.duplicates);
    expect(summary.duplicates).toBeGreaterThan(98);
  });

  it("records each file's SHA-256 and hashes each file's name, size and SHA-256 into the fingerprint", async () => {
    const fingerprint = createHash('sha256');
    for (const { file } of batches) {
      const root = file.name.startsWith('bbc/') ? ROOTS[0] : ROOTS[1];
      const bytes = await readFile(join(root ?? '', file.relPath));
      expect(file.size).toBe(bytes.length);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      expect(file.sha256).toBe(sha256);
      fingerprint.update(`${file.name}\0${bytes.length}\0${sha256}\n`);
    }
    expect(summary.fingerprint).toBe(fingerprint.digest('hex'));
    expect(summary.bytes).toBe(batches.reduce((sum, batch) => sum + batch.file.size, 0));
  });
});
