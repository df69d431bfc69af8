/**
 * Readers for a relevance set: the queries (`queries.tsv`) and the relevance
 * judgements (`qrels.txt`, TREC qrels format). Parsing is pure; the `read*`
 * wrappers add the file I/O. A malformed line is a real failure (the set is
 * hand-made and small), so it throws one `NewsdeskError` naming the source and
 * the 1-based line number.
 */
import { readFile } from 'node:fs/promises';
import { describeError, NewsdeskError } from '../errors.ts';

/** One query of a relevance set. */
export interface EvalQuery {
  /** The query id that the qrels and runs use, e.g. `r01`. */
  readonly id: string;
  /** The query as a person would type it, e.g. `crude oil prices`. */
  readonly text: string;
}

/**
 * Relevance judgements: query id → document id → grade. A grade is an integer
 * ≥ 0; 0 means judged not relevant, anything above 0 relevant (higher is more
 * relevant). Documents that are not in the map are unjudged, scored as 0.
 */
export type Qrels = Map<string, Map<string, number>>;

/** A line of a source file that holds data, with its 1-based line number. */
interface DataLine {
  readonly text: string;
  readonly number: number;
}

/** The longest excerpt of a bad line quoted in an error message. */
const QUOTE_LIMIT = 80;

/**
 * The data lines of `text`: split on LF or CRLF, a leading byte-order mark
 * removed, blank lines and lines starting with `#` (after indentation) skipped.
 */
function dataLines(text: string): DataLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const data: DataLine[] = [];
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    data.push({ text: line, number: index + 1 });
  });
  return data;
}

/** `line` quoted for an error message (escapes visible, long lines cut). */
function quote(line: string): string {
  const excerpt = line.length > QUOTE_LIMIT ? `${line.slice(0, QUOTE_LIMIT)}…` : line;
  return JSON.stringify(excerpt);
}

/** The error for line `line` of `source`, which broke the file's format. */
function lineError(source: string, line: DataLine, reason: string): NewsdeskError {
  return new NewsdeskError('USAGE', `${source} line ${line.number}: ${reason}`);
}

/** One `id<TAB>query[<TAB>anything]` line as a query; throws when it is not one. */
function parseQueryLine(line: DataLine, source: string): EvalQuery {
  const [rawId = '', rawText] = line.text.split('\t');
  const id = rawId.trim();
  const text = rawText?.trim() ?? '';
  if (id === '' || text === '' || /\s/.test(id)) {
    throw lineError(source, line, `expected "id<TAB>query", found ${quote(line.text)}`);
  }
  return { id, text };
}

/**
 * The queries in a TSV text: `query-id<TAB>query text[<TAB>ignored]` per line.
 * A third column (the topic code in the Reuters set) and any after it are
 * ignored; blank lines and `#` comments are skipped; CRLF is accepted.
 *
 * @param text - the file's contents.
 * @param source - names the file in error messages, e.g. `queries.tsv`.
 * @throws NewsdeskError (`USAGE`) naming `source` and the line when a line has
 *   no tab, an empty id or text, an id with whitespace, or repeats an id.
 * @example parseQueries('r01\tcrude oil prices\tcrude\n', 'queries.tsv')
 *   // → [{ id: 'r01', text: 'crude oil prices' }]
 */
export function parseQueries(text: string, source: string): EvalQuery[] {
  const firstLine = new Map<string, number>();
  return dataLines(text).map((line) => {
    const query = parseQueryLine(line, source);
    const seen = firstLine.get(query.id);
    if (seen !== undefined) {
      throw lineError(source, line, `query id "${query.id}" was already given on line ${seen}`);
    }
    firstLine.set(query.id, line.number);
    return query;
  });
}

/** One judgement: the query, the document and its grade. */
interface Judgement {
  readonly query: string;
  readonly doc: string;
  readonly grade: number;
}

/** One `query-id iteration doc-id grade` line as a judgement; throws when it is not one. */
function parseQrelsLine(line: DataLine, source: string): Judgement {
  const fields = line.text.trim().split(/\s+/);
  const [query, , doc, grade] = fields;
  if (fields.length !== 4 || query === undefined || doc === undefined || grade === undefined) {
    throw lineError(
      source,
      line,
      `expected "query-id iteration doc-id grade", found ${quote(line.text)}`,
    );
  }
  if (!/^\d+$/.test(grade)) {
    throw lineError(source, line, `expected a grade that is an integer ≥ 0, found "${grade}"`);
  }
  return { query, doc, grade: Number.parseInt(grade, 10) };
}

/**
 * The judgements in a TREC qrels text: four whitespace-separated columns,
 * `query-id iteration doc-id grade`, e.g. `r01 0 reut2-000:127 1`. The
 * iteration column is ignored. Blank lines and `#` comments are skipped; CRLF
 * is accepted. A judgement repeated with the same grade counts once (the
 * Reuters set repeats one); a repeat with another grade is an error.
 *
 * @param text - the file's contents.
 * @param source - names the file in error messages, e.g. `qrels.txt`.
 * @throws NewsdeskError (`USAGE`) naming `source` and the line when a line does
 *   not have four columns, its grade is not an integer ≥ 0, or it contradicts
 *   an earlier judgement.
 * @example parseQrels('r01 0 reut2-000:127 1\n', 'qrels.txt')
 *   // → Map { 'r01' => Map { 'reut2-000:127' => 1 } }
 */
export function parseQrels(text: string, source: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of dataLines(text)) {
    const { query, doc, grade } = parseQrelsLine(line, source);
    let judged = qrels.get(query);
    if (judged === undefined) {
      judged = new Map();
      qrels.set(query, judged);
    }
    const earlier = judged.get(doc);
    if (earlier !== undefined && earlier !== grade) {
      throw lineError(
        source,
        line,
        `"${doc}" is graded ${grade} for query "${query}" but was graded ${earlier} before`,
      );
    }
    judged.set(doc, grade);
  }
  return qrels;
}

/** The UTF-8 text of the file at `path`; `what` names its role in the error. */
async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new NewsdeskError('USAGE', `cannot read ${what} ${path}: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/**
 * The queries in the TSV file at `path` (see `parseQueries`).
 *
 * @throws NewsdeskError (`USAGE`) when the file cannot be read (with `cause`)
 *   or a line is malformed; the message names `path`.
 * @example await readQueries('../shared/eval/reuters-topics/queries.tsv')
 */
export async function readQueries(path: string): Promise<EvalQuery[]> {
  return parseQueries(await readText(path, 'queries'), path);
}

/**
 * The judgements in the TREC qrels file at `path` (see `parseQrels`).
 *
 * @throws NewsdeskError (`USAGE`) when the file cannot be read (with `cause`)
 *   or a line is malformed; the message names `path`.
 * @example await readQrels('../shared/eval/reuters-topics/qrels.txt')
 */
export async function readQrels(path: string): Promise<Qrels> {
  return parseQrels(await readText(path, 'qrels'), path);
}
