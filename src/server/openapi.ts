/**
 * The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json.
 * A test checks real responses against these schemas, so it stays true.
 */

const text = { type: 'string' } as const;
const count = { type: 'integer', minimum: 0 } as const;
const nullableText = { type: ['string', 'null'] } as const;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});
/** What every /api endpoint may answer when the server limits requests per client. */
const rateLimited = {
  description:
    'This client address used up its requests for the current window (only when the server sets a limit, `newsdesk serve --rate-limit`). Limited responses, refused or not, carry the RateLimit headers.',
  headers: {
    'Retry-After': {
      description: 'Seconds until the window ends.',
      schema: { type: 'integer', minimum: 0 },
    },
    RateLimit: {
      description: 'IETF draft 8: `"<policy>"; r=<requests left>; t=<seconds to reset>`.',
      schema: text,
    },
    'RateLimit-Policy': {
      description:
        'IETF draft 8: `"<policy>"; q=<limit>; w=<window in seconds>; pk=:<client key>:`.',
      schema: text,
    },
  },
  content: { 'application/json': { schema: ref('Error') } },
};
/** What /api/search answers when its search was stopped or refused under load. */
const busy = {
  description:
    'SEARCH_TIMEOUT: the search ran past the hard time limit and was stopped; OVERLOADED: too many searches are waiting.',
  headers: {
    'Retry-After': { description: 'Seconds to wait: 1.', schema: { type: 'integer', minimum: 0 } },
  },
  content: { 'application/json': { schema: ref('Error') } },
};
const json = (description: string, schema: unknown) => ({
  description,
  content: { 'application/json': { schema } },
});

const queryParameter = (name: string, description: string, schema: unknown, example?: string) => ({
  name,
  in: 'query',
  description,
  schema,
  ...(example !== undefined ? { example } : {}),
});

/** `person`, `place`, `org`: repeatable filters on the names extracted from each article. */
function entityParameters() {
  const kinds = [
    ['person', 'people', 'Tony Blair'],
    ['place', 'places', 'Iraq'],
    ['org', 'organisations', 'OPEC'],
  ] as const;
  return kinds.map(([name, plural, example]) => ({
    ...queryParameter(
      name,
      `Only articles naming any of these ${plural} (repeatable; case-insensitive, the whole name as facets.${name} lists it). The query's \`${name}:\` filters hold as well.`,
      { type: 'array', items: text },
      example,
    ),
    explode: true,
  }));
}

const searchParameters = [
  queryParameter(
    'q',
    'The query, in the query language (empty: every article).',
    text,
    '"general election" -blair',
  ),
  queryParameter('page', 'Page number, from 1.', { type: 'integer', minimum: 1, default: 1 }),
  queryParameter('size', 'Results per page.', {
    type: 'integer',
    minimum: 1,
    maximum: 100,
    default: 10,
  }),
  queryParameter('sort', 'Result order.', {
    type: 'string',
    enum: ['relevance', 'newest', 'oldest'],
    default: 'relevance',
  }),
  {
    ...queryParameter('source', 'Only these sources (repeatable).', { type: 'array', items: text }),
    explode: true,
  },
  {
    ...queryParameter('category', 'Only these categories (repeatable).', {
      type: 'array',
      items: text,
    }),
    explode: true,
  },
  ...entityParameters(),
  queryParameter('from', 'Only from this year, month or day on.', text, '1987-03'),
  queryParameter('to', 'Only up to the end of this year, month or day.', text, '1987-04-15'),
  queryParameter(
    'spell',
    'Spelling help: `on` lets words also match close spellings, corrects a query that finds no article with every word as typed (see `corrected`) and suggests a better one; `off` searches the words exactly as typed.',
    { type: 'string', enum: ['on', 'off'], default: 'on' },
    'off',
  ),
  queryParameter(
    'collapse',
    'One result per story: `on` folds near-duplicates (the same story filed again, corrected or under another headline) into their best-ranked version, whose `similar` says how many it stands for, and `total` counts stories; `off` lists every copy.',
    { type: 'string', enum: ['on', 'off'], default: 'on' },
    'off',
  ),
  queryParameter(
    'cluster',
    "Only the versions of one story: a hit's `cluster.id` (never collapsed). Cluster ids hold for one build of the index.",
    { type: 'integer', minimum: 0 },
    '12',
  ),
];

/** The filters `/trends` and `/api/trends` apply to every query and to the articles divided by. */
const trendParameters = [
  {
    ...queryParameter(
      'q',
      'One to five queries, in the query language (repeat the parameter: `q=oil&q=gas`); more is refused naming `q`.',
      { type: 'array', items: text, minItems: 1, maxItems: 5 },
      'oil',
    ),
    required: true,
    explode: true,
  },
  queryParameter(
    'interval',
    'Periods: months, years, or `auto` (months unless the matches span more than three years).',
    { type: 'string', enum: ['auto', 'month', 'year'], default: 'auto' },
    'month',
  ),
  // Every filter of a search: not its query, paging, order or versions.
  ...searchParameters.filter(
    (parameter) => !['q', 'page', 'size', 'sort', 'collapse', 'cluster'].includes(parameter.name),
  ),
];

/** The headers an export answers before its first row: the counts are known up front. */
const exportHeaders = {
  'X-Total-Count': {
    description: 'Results the query lists (full matches, then partial ones), before the cap.',
    schema: count,
  },
  'X-Export-Rows': { description: 'Rows that follow.', schema: count },
  'X-Export-Left-Out': {
    description: 'Results the cap left out (X-Total-Count − X-Export-Rows).',
    schema: count,
  },
  'X-Export-Cap': {
    description: "The server's cap (`newsdesk serve --export-cap`).",
    schema: count,
  },
  'X-Corrected-Query': {
    description:
      'Set when the query as typed found nothing and its respelling was exported (URI-encoded).',
    schema: text,
  },
};

/** `/api/search.csv` or `.jsonl`: every result of a search, streamed. */
const exportPath = (format: 'CSV' | 'JSON Lines', type: string, body: string) => ({
  get: {
    summary: `Every result of a search (not a page), up to the server's cap, streamed as ${format}`,
    description:
      "The parameters of /api/search but `page` and `size`; the rows are in the order the pages list the results. An export that cannot finish (the index replaced under it) is cut off before the reply's end, so it reads as incomplete; compare the rows with X-Export-Rows.",
    parameters: searchParameters.filter((parameter) => !['page', 'size'].includes(parameter.name)),
    responses: {
      200: {
        description: body,
        headers: exportHeaders,
        content: { [type]: { schema: { ...text, description: 'Each row is an ExportRow.' } } },
      },
      400: errorResponse('A parameter is not valid; the message names it'),
      429: rateLimited,
      503: busy,
    },
  },
});

const schemas = {
  ExportRow: object({
    id: text,
    headline: text,
    date: nullableText,
    source: nullableText,
    category: {
      type: 'array',
      items: text,
      description: 'In CSV one cell, the values joined by "; ".',
    },
    people: {
      type: 'array',
      items: text,
      description:
        'The people the article names (as a hit\'s entities.people); in CSV joined by "; ".',
    },
    places: {
      type: 'array',
      items: text,
      description: 'The places it names (entities.places); in CSV joined by "; ".',
    },
    orgs: {
      type: 'array',
      items: text,
      description: 'The organisations it names (entities.orgs); in CSV joined by "; ".',
    },
    url: nullableText,
    partial: {
      type: 'boolean',
      description: 'Matches only some of the query words (listed after the full matches).',
    },
    snippet: { ...text, description: "The page's snippet as plain text." },
  }),
  Error: object({
    error: object({ code: text, message: text, parameter: text }, ['code', 'message']),
  }),
  Highlight: object({ start: count, end: count }),
  Snippet: object({
    text: { ...text, description: 'Plain text; passages joined with " … ".' },
    html: { ...text, description: 'The text HTML-escaped, matches in <mark>.' },
    highlights: {
      type: 'array',
      items: ref('Highlight'),
      description: 'Match offsets in text (UTF-16).',
    },
  }),
  Hit: object({
    id: text,
    title: text,
    title_html: text,
    title_highlights: { type: 'array', items: ref('Highlight') },
    snippet: ref('Snippet'),
    score: { type: 'number' },
    partial: { type: 'boolean', description: 'Matches only most of the query words.' },
    date: nullableText,
    source: nullableText,
    category: { type: 'array', items: text },
    url: nullableText,
    entities: object({
      people: { type: 'array', items: text },
      places: { type: 'array', items: text },
      orgs: { type: 'array', items: text },
    }),
    cluster: {
      description:
        'The near-duplicate cluster of the article (null when it has no other version): its id and how many articles it holds.',
      oneOf: [{ type: 'null' }, object({ id: count, size: count })],
    },
    similar: {
      ...count,
      description:
        'With collapse=on: how many other matching versions of this story the hit stands for (listed by `cluster=<cluster.id>`).',
    },
  }),
  FacetCount: object({ value: text, count }),
  HistogramBucket: object({
    label: text,
    from: { type: 'number', description: 'Epoch milliseconds, inclusive.' },
    to: { type: 'number', description: 'Epoch milliseconds, exclusive.' },
    count,
  }),
  SearchResponse: object({
    query: text,
    total: count,
    full_matches: count,
    partial_matches: count,
    collapsed: {
      ...count,
      description:
        'With collapse=on (the default): matching articles not listed because a better-ranked version of the same story stands for them. total, full_matches and partial_matches then count stories, so pages add up; total + partial_matches + collapsed is the number of matching articles. 0 with collapse=off.',
    },
    page: { type: 'integer', minimum: 1 },
    size: { type: 'integer', minimum: 1 },
    sort: { type: 'string', enum: ['relevance', 'newest', 'oldest'] },
    took_ms: { type: 'number', minimum: 0 },
    hits: { type: 'array', items: ref('Hit') },
    facets: object({
      source: { type: 'array', items: ref('FacetCount') },
      category: { type: 'array', items: ref('FacetCount') },
      year: { type: 'array', items: ref('FacetCount') },
      person: { type: 'array', items: ref('FacetCount') },
      place: { type: 'array', items: ref('FacetCount') },
      org: { type: 'array', items: ref('FacetCount') },
    }),
    histogram: object({
      unit: { type: 'string', enum: ['month', 'year'] },
      buckets: { type: 'array', items: ref('HistogramBucket') },
    }),
    suggestion: {
      description:
        'A respelled query that finds more articles with every word ("Did you mean …?").',
      oneOf: [{ type: 'null' }, object({ query: text, total: count })],
    },
    corrected: {
      description:
        'Set when the query as typed (`from`) found no article with every word: the results are those of the respelled query (`to`, also in `query`); `spell=off` searches as typed.',
      oneOf: [{ type: 'null' }, object({ from: text, to: text })],
    },
    notices: { type: 'array', items: text },
  }),
  SuggestResponse: object({
    query: text,
    suggestions: { type: 'array', items: object({ query: text, word: text, count }) },
  }),
  Article: object({
    id: text,
    title: text,
    body: { ...text, description: 'Plain text, paragraphs separated by a blank line.' },
    date: nullableText,
    source: nullableText,
    author: nullableText,
    url: nullableText,
    category: { type: 'array', items: text },
    places: { type: 'array', items: text },
    language: { ...nullableText, description: "BCP 47 tag from the corpus folder's newsdesk.yml." },
    origin: object({ file: text, record: text, line: { type: 'integer', minimum: 1 } }, ['file']),
    related: { type: 'array', items: object({ id: text, title: text, score: { type: 'number' } }) },
  }),
  Trends: object({
    interval: { type: 'string', enum: ['month', 'year'] },
    periods: {
      type: 'array',
      description:
        'From the first to the last period in which any query matches a dated article; `articles` is the dated articles of the period within the filters (what each count is divided by).',
      items: object({
        label: { ...text, description: '`1987-03` (month) or `1987` (year).' },
        from: { type: 'number', description: 'Epoch milliseconds, inclusive.' },
        to: { type: 'number', description: 'Epoch milliseconds, exclusive.' },
        articles: count,
      }),
    },
    series: {
      type: 'array',
      items: object({
        query: text,
        total: { ...count, description: 'Articles the query matches (every word), dated or not.' },
        undated: { ...count, description: 'Of those, the ones without a date (in no period).' },
        points: {
          type: 'array',
          description: 'One per period, in the same order.',
          items: object({
            label: text,
            count,
            share: {
              type: ['number', 'null'],
              minimum: 0,
              maximum: 1,
              description: "count / the period's dated articles; null when the period has none.",
            },
          }),
        },
      }),
    },
    undated: { ...count, description: 'Articles within the filters that have no date.' },
    notices: { type: 'array', items: text },
  }),
  Stats: object({
    articles: count,
    terms: count,
    files: count,
    duplicates: count,
    problems: count,
    corpora: { type: 'array', items: text, minItems: 1 },
    built_at: { type: 'string', format: 'date-time' },
    build_ms: count,
    loaded_at: { type: 'string', format: 'date-time' },
    snapshot_bytes: count,
    format_version: { type: 'integer' },
    reply_cache: object({ entries: count, bytes: count, hits: count, misses: count }),
  }),
  Health: object({
    status: { const: 'ok' },
    articles: count,
    searches: object({ running: count, waiting: count }),
    event_loop_delay_ms: object({
      p50: { type: 'number', minimum: 0 },
      p99: { type: 'number', minimum: 0 },
      max: { type: 'number', minimum: 0 },
    }),
  }),
};

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'newsdesk',
    version: '1',
    description: 'Full-text search over a news archive. Every endpoint is GET and answers JSON.',
  },
  paths: {
    '/api/search': {
      get: {
        summary: 'Ranked results with snippets, facets, a timeline and a spelling suggestion',
        parameters: searchParameters,
        responses: {
          200: json('Results', ref('SearchResponse')),
          400: errorResponse('A parameter is not valid; the message names it'),
          429: rateLimited,
          503: busy,
        },
      },
    },
    '/api/suggest': {
      get: {
        summary: 'Completions of the last word of a query, ranked by how much they find',
        parameters: [
          queryParameter('q', 'What has been typed so far.', text, 'oil pri'),
          queryParameter('format', '`opensearch` answers [query, [completions]] for browsers.', {
            type: 'string',
            enum: ['json', 'opensearch'],
            default: 'json',
          }),
        ],
        responses: {
          200: json('Completions', ref('SuggestResponse')),
          400: errorResponse('A parameter is not valid'),
          429: rateLimited,
        },
      },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'One article, with related articles',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: text, example: 'business/001' },
        ],
        responses: {
          200: json('The article', ref('Article')),
          404: errorResponse('No article has that id'),
          429: rateLimited,
        },
      },
    },
    '/api/trends': {
      get: {
        summary:
          'The share of articles matching each of one to five queries, per month or year (normalised by the dated articles of each period)',
        parameters: trendParameters,
        responses: {
          200: json('The series', ref('Trends')),
          400: errorResponse(
            'A parameter is not valid (or q is missing or given more than five times); the message names it',
          ),
          429: rateLimited,
          503: busy,
        },
      },
    },
    '/search.atom': {
      get: {
        summary:
          'Any search as an Atom 1.0 feed, newest first (undated articles last): the search parameters but page, size and sort, plus limit',
        parameters: [
          ...searchParameters.filter(
            (parameter) => !['page', 'size', 'sort'].includes(parameter.name),
          ),
          queryParameter(
            'limit',
            'Entries in the feed.',
            { type: 'integer', minimum: 1, maximum: 100, default: 50 },
            '20',
          ),
        ],
        responses: {
          200: {
            description:
              'An Atom feed: entry ids are `tag:newsdesk,2026:article/<id>` (stable across rebuilds), the snippet is the summary, the article page the link',
            content: { 'application/atom+xml': { schema: text } },
          },
          400: {
            description: 'A parameter is not valid; the message names it (an HTML error page)',
            content: { 'text/html': { schema: text } },
          },
        },
      },
    },
    '/api/search.csv': exportPath(
      'CSV',
      'text/csv; charset=utf-8',
      'RFC 4180 CSV in UTF-8 (no byte-order mark), CRLF line ends: a header row, then one row per result with the ExportRow columns in order (`partial` as true/false, empty cells for nulls); fields with commas, quotes, line breaks or edge spaces are quoted. Cells are written as they are: a spreadsheet may read one starting with = + - @ as a formula',
    ),
    '/api/search.jsonl': exportPath(
      'JSON Lines',
      'application/x-ndjson; charset=utf-8',
      'One ExportRow JSON object per line, each line ending in a line feed',
    ),
    '/api/stats': {
      get: {
        summary: 'What the index holds',
        responses: { 200: json('Index statistics', ref('Stats')), 429: rateLimited },
      },
    },
    '/healthz': {
      get: { summary: 'Liveness', responses: { 200: json('Serving', ref('Health')) } },
    },
    '/metrics': {
      get: {
        summary:
          'Prometheus metrics (text exposition format 0.0.4): requests by route and status, latency, searches running and waiting, event-loop delay, index size and generation, reloads, process metrics',
        description:
          'Served when `newsdesk serve --metrics` is `local` (the default: only requests from this machine that carry no Forwarded or X-Forwarded-For header) or `on` (anyone); anyone else, and everyone with `off`, gets 404.',
        responses: {
          200: {
            description: 'The metrics',
            content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: text } },
          },
          404: {
            description: 'Metrics are off, or not for this client (an HTML error page)',
            content: { 'text/html': { schema: text } },
          },
        },
      },
    },
  },
  components: { schemas },
} as const;
