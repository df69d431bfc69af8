/**
 * URL parameters as the pages and the API receive them: a value given twice,
 * or as something other than text, is refused naming the parameter; then the
 * shared request checks (`toSearchRequest`) apply.
 */
import { NewsdeskError } from '../errors.ts';
import {
  clip,
  type InvalidValue,
  type RequestFields,
  type RequestLimits,
  toSearchRequest,
} from '../search/request.ts';
import type { SearchRequest } from '../types.ts';

/** What Express's query parser hands over: strings, arrays of them, or anything for odd input. */
export type UrlQuery = Record<string, unknown>;

/** Longest accepted value of one parameter, in characters. */
const MAX_VALUE_LENGTH = 1000;
/** Most values of a repeatable filter (`source`, `category`, `person`, `place`, `org`). */
const MAX_VALUES = 20;

const badParameter: InvalidValue = (parameter, message) =>
  new NewsdeskError('BAD_PARAMETER', `${parameter} ${message}`, { parameter });

/** The search request in `query`; throws BAD_PARAMETER naming the first bad parameter. */
export function searchRequestFrom(query: UrlQuery, limits?: RequestLimits): SearchRequest {
  return toSearchRequest(searchFields(query), badParameter, limits);
}

/** The text fields of a search, each checked for shape only. */
export function searchFields(query: UrlQuery): RequestFields {
  return {
    q: single(query, 'q'),
    page: single(query, 'page'),
    size: single(query, 'size'),
    sort: single(query, 'sort'),
    source: list(query, 'source'),
    category: list(query, 'category'),
    person: list(query, 'person'),
    place: list(query, 'place'),
    org: list(query, 'org'),
    from: single(query, 'from'),
    to: single(query, 'to'),
    spell: single(query, 'spell'),
    collapse: single(query, 'collapse'),
    cluster: single(query, 'cluster'),
  };
}

/** One text value of `name`, or undefined when absent. */
export function single(query: UrlQuery, name: string): string | undefined {
  const value = Object.hasOwn(query, name) ? query[name] : undefined;
  if (value === undefined) return undefined;
  if (Array.isArray(value)) {
    throw new NewsdeskError(
      'BAD_PARAMETER',
      `${name} must be given once, not ${value.length} times`,
      {
        parameter: name,
      },
    );
  }
  return text(name, value);
}

/** Every value of a repeatable `name`; an empty value is ignored. */
export function list(query: UrlQuery, name: string): string[] | undefined {
  const value = Object.hasOwn(query, name) ? query[name] : undefined;
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value : [value]).map((item) => text(name, item));
  if (values.length > MAX_VALUES) {
    throw new NewsdeskError(
      'BAD_PARAMETER',
      `${name} can be given at most ${MAX_VALUES} times, not ${values.length}`,
      { parameter: name },
    );
  }
  return values.filter((item) => item !== '');
}

function text(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new NewsdeskError('BAD_PARAMETER', `${name} must be text`, { parameter: name });
  }
  if (value.length > MAX_VALUE_LENGTH) {
    throw new NewsdeskError(
      'BAD_PARAMETER',
      `${name} must be at most ${MAX_VALUE_LENGTH} characters, not ${value.length} ("${clip(value)}")`,
      { parameter: name },
    );
  }
  return value;
}

/** The article id from a `*id` wildcard route (its path segments, rejoined). */
export function idParam(params: Record<string, unknown>): string {
  const id = params.id;
  return Array.isArray(id) ? id.join('/') : String(id ?? '');
}
