/** Rich text as the search index reads it: the headings it contains, and its whole readable text. */
import { collapseWhitespace, htmlToText, isElement, parseFragment, type HtmlNode } from '../render/html-tree.ts';

const HEADING = /^h[1-6]$/;

export interface RichTextParts {
  headings: string[];
  /** The readable text, headings included (they are part of the prose around them). */
  text: string;
}

export function richTextParts(html: string): RichTextParts {
  const headings: string[] = [];
  // Cheap test first: most rich text has no headings, and then one parse (htmlToText's) is enough.
  if (/<h[1-6][\s>]/i.test(html)) {
    const visit = (nodes: HtmlNode[]) => {
      for (const node of nodes) {
        if (!isElement(node)) continue;
        if (HEADING.test(node.tagName)) {
          const text = collapseWhitespace(textOf(node.childNodes));
          if (text) headings.push(text);
        } else visit(node.childNodes);
      }
    };
    visit(parseFragment(html).childNodes);
  }
  return { headings, text: htmlToText(html) };
}

function textOf(nodes: HtmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    if (node.nodeName === '#text' && 'value' in node) text += node.value;
    else if (isElement(node)) text += textOf(node.childNodes);
  }
  return text;
}
