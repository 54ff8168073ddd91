/**
 * Small helpers over parse5's tree: the rich-text rewriter and text extraction share them.
 * parse5 parses like a browser does (the HTML spec's algorithm), so whatever markup the CMS sends, the
 * tree we rewrite is the tree a browser would build, and serializing it escapes text and attributes.
 */
import { parseFragment, serialize, type DefaultTreeAdapterTypes } from 'parse5';

export type HtmlElement = DefaultTreeAdapterTypes.Element;
export type HtmlNode = DefaultTreeAdapterTypes.ChildNode;

export { parseFragment, serialize };

export function isElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

export function getAttr(el: HtmlElement, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

export function setAttr(el: HtmlElement, name: string, value: string): void {
  const attr = el.attrs.find((a) => a.name === name);
  if (attr) attr.value = value;
  else el.attrs.push({ name, value });
}

export function removeAttr(el: HtmlElement, name: string): void {
  el.attrs = el.attrs.filter((a) => a.name !== name);
}

/** Replaces `node` in its parent by `replacement` (possibly several nodes, possibly none). */
export function replaceNode(node: HtmlNode, replacement: HtmlNode[]): void {
  const parent = node.parentNode;
  if (!parent) return;
  const index = parent.childNodes.indexOf(node);
  if (index === -1) return;
  for (const child of replacement) child.parentNode = parent;
  parent.childNodes.splice(index, 1, ...replacement);
}

/** Elements whose text is not content (never shown, or not prose). */
const NON_TEXT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'svg', 'math']);
/** Elements that separate words even when the markup has no whitespace between them. */
const BLOCK = /^(?:p|div|h[1-6]|li|ul|ol|br|blockquote|figure|figcaption|table|tr|td|th|section|article|pre|hr|dd|dt)$/;

/** The readable text of an HTML fragment, whitespace collapsed (for meta descriptions and feeds). */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const visit = (nodes: HtmlNode[]) => {
    for (const node of nodes) {
      if (node.nodeName === '#text' && 'value' in node) parts.push(node.value);
      else if (isElement(node) && !NON_TEXT.has(node.tagName)) {
        const block = BLOCK.test(node.tagName);
        if (block) parts.push(' ');
        visit(node.childNodes);
        if (block) parts.push(' ');
      }
    }
  };
  visit(parseFragment(html).childNodes);
  return collapseWhitespace(parts.join(''));
}

/** Runs of whitespace (line breaks included) as one space, ends trimmed: text as one line. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts text to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}
