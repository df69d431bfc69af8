/**
 * HTML to plain text, shared by the feed and HTML parsers: block elements become
 * paragraph breaks (blank lines), `<br>` a line break, and elements that hold no
 * readable text (scripts, styles, forms, embedded media) are dropped with their
 * content. White space inside paragraphs is collapsed to single spaces so only
 * the markup decides where paragraphs break; the reader finishes the clean-up.
 */

import { parseHTML } from 'linkedom';

/**
 * The few DOM node members the text walker reads. linkedom's nodes have them;
 * the project compiles without the DOM library, so they are spelled out here.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
}

/** Options of {@link htmlToText} and {@link nodeToText}. */
export interface HtmlTextOptions {
  /**
   * More elements (lower-case names) to drop with their content, on top of
   * {@link DROPPED_ELEMENTS}.
   * @example { drop: ['nav', 'header', 'footer', 'aside'] }
   */
  drop?: readonly string[];
}

/** Elements always dropped with their content: they hold code, chrome or nothing readable. */
export const DROPPED_ELEMENTS: readonly string[] = [
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'button',
  'select',
  'textarea',
];

// Elements that start and end a paragraph.
const BLOCK_ELEMENTS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tr',
  'ul',
]);

// Table cells: separated by a space so their words do not run together.
const CELL_ELEMENTS: ReadonlySet<string> = new Set(['td', 'th']);

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;

const PARAGRAPH_BREAK = '\n\n';
const LINE_BREAK = '\n';
const HTML_SPACE = /[ \t\n\r\f]+/g;

interface TextState {
  readonly parts: string[];
  readonly drop: ReadonlySet<string>;
  /** Depth of `<pre>` elements: white space is kept inside them. */
  pre: number;
}

/**
 * The plain text of an HTML fragment or document, paragraphs separated by blank lines.
 * @example htmlToText('<p>One &amp; two</p><p>Three<br>four</p>') // 'One & two\n\nThree\nfour'
 */
export function htmlToText(html: string, options: HtmlTextOptions = {}): string {
  // No doctype: linkedom leaves a doctype node out of the sibling chain the walker follows.
  const { document } = parseHTML(`<html><head></head><body>${html}</body></html>`);
  const root: DomNode = document;
  return nodeToText(root, options);
}

/** The plain text inside a DOM node (not counting the node's own element), as {@link htmlToText}. */
export function nodeToText(root: DomNode, options: HtmlTextOptions = {}): string {
  const state: TextState = {
    parts: [],
    drop: new Set([...DROPPED_ELEMENTS, ...(options.drop ?? [])]),
    pre: 0,
  };
  walkTree(root, state);
  return joinParts(state.parts);
}

/** Depth-first walk without recursion, so deeply nested markup cannot overflow the stack. */
function walkTree(root: DomNode, state: TextState): void {
  const open: DomNode[] = [];
  let current = root.firstChild;
  while (current) {
    if (enterNode(current, state) && current.firstChild) {
      open.push(current);
      current = current.firstChild;
      continue;
    }
    leaveNode(current, state);
    let next = current.nextSibling;
    while (!next) {
      const parent = open.pop();
      if (!parent) return;
      leaveNode(parent, state);
      next = parent.nextSibling;
    }
    current = next;
  }
}

/** Emits what starts at `node`; true when its children should be walked. */
function enterNode(node: DomNode, state: TextState): boolean {
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) {
    appendText(node.nodeValue ?? '', state);
    return false;
  }
  if (node.nodeType !== ELEMENT_NODE) return false;
  const name = node.nodeName.toLowerCase();
  if (state.drop.has(name)) return false;
  if (name === 'br') {
    state.parts.push(LINE_BREAK);
    return false;
  }
  if (name === 'pre') state.pre += 1;
  emitBoundary(name, state);
  return true;
}

/** Emits what ends at `node` (only for nodes whose start was emitted). */
function leaveNode(node: DomNode, state: TextState): void {
  if (node.nodeType !== ELEMENT_NODE) return;
  const name = node.nodeName.toLowerCase();
  if (state.drop.has(name) || name === 'br') return;
  if (name === 'pre') state.pre -= 1;
  emitBoundary(name, state);
}

function emitBoundary(name: string, state: TextState): void {
  if (BLOCK_ELEMENTS.has(name)) state.parts.push(PARAGRAPH_BREAK);
  else if (CELL_ELEMENTS.has(name)) state.parts.push(' ');
}

function appendText(text: string, state: TextState): void {
  state.parts.push(state.pre > 0 ? text.replace(/\r\n?/g, '\n') : text.replace(HTML_SPACE, ' '));
}

/** Joins the pieces: no spaces around line breaks, at most one blank line in a row. */
function joinParts(parts: readonly string[]): string {
  return parts
    .join('')
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/\n{3,}/g, PARAGRAPH_BREAK)
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
