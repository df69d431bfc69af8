/**
 * The EJS templates, each compiled once: a page is one call of a compiled
 * function. The templates include their partials by paths from the views
 * folder (`include('/partials/hit')`), which EJS resolves without touching the
 * disk, and caches compiled; a relative include would be looked up on disk
 * (`existsSync`) at every render, ten times for a page of ten hits. The
 * compiled functions read their data as plain variables (`TEMPLATE_LOCALS`)
 * instead of through EJS's default `with (locals)`, which V8 cannot optimise:
 * a results page renders in about half the time.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import ejs from 'ejs';

/**
 * Every name the templates and partials read from their data. A template that
 * reads another must add it here (rendering it would throw a ReferenceError,
 * which the pages' tests catch); `locals.name` reads one that may be absent.
 */
export const TEMPLATE_LOCALS = [
  'title',
  'query',
  'examples',
  'info',
  'view',
  'response',
  'hit',
  'chart',
  'article',
  'titleHtml',
  'paragraphs',
  'related',
  'backHref',
  'error',
  'autofocus',
  'feedHref',
  'trendsHref',
  'exportHrefs',
] as const;

export interface Templates {
  /** The views folder. */
  readonly views: string;
  /**
   * Render template `name` (a view's name, or its absolute path as Express gives it) with `data`.
   * @example templates.render('home', { title: 'newsdesk', query: '', info, examples })
   */
  render(name: string, data: object): string;
  /** The same, in the shape of an Express view engine (`app.engine('ejs', …)`). */
  engine(path: string, data: object, done: (error: unknown, html?: string) => void): void;
}

/** Templates read from `views`, compiled the first time each is rendered. */
export function createTemplates(views: string): Templates {
  const compiled = new Map<string, ejs.TemplateFunction>();
  const compile = (file: string): ejs.TemplateFunction => {
    const found = compiled.get(file);
    if (found) return found;
    // `cache` makes EJS keep each compiled partial (by file) after its first include.
    const template = ejs.compile(readFileSync(file, 'utf8'), {
      filename: file,
      root: views,
      cache: true,
      async: false,
      _with: false,
      destructuredLocals: [...TEMPLATE_LOCALS],
    });
    compiled.set(file, template);
    return template;
  };
  const render = (name: string, data: object): string =>
    compile(isAbsolute(name) ? name : join(views, `${name}.ejs`))(data);
  return {
    views,
    render,
    engine(path, data, done) {
      let html: string;
      try {
        html = render(path, data);
      } catch (error) {
        done(error);
        return;
      }
      done(null, html);
    },
  };
}
