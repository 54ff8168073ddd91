/**
 * Comment text in and out. In: what a visitor typed, cleaned of characters that only ever serve to
 * deceive (bidi overrides that reverse a name, invisible characters, control codes). Out: plain text made
 * into HTML that can only ever be text, line breaks and `http(s)` links marked `nofollow ugc`.
 */
import { escapeXml } from '../../../src/render/escape.ts';

// Bidi embeddings/overrides/isolates reorder what follows them ("moc.elgoog" shown as "google.com"):
// they have no honest use in a comment. Zero-width spaces, word joiners and BOMs hide text in words.
// ZWNJ/ZWJ (U+200C/U+200D) stay: Persian, Indic scripts and emoji sequences need them.
const DECEPTIVE = /[\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u061C\u180E\uFEFF]/g;
// C0 and C1 control codes, except the tab and newline that are normalized below.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Cleans one-line input (a name): no line breaks, runs of whitespace made one space. */
export function cleanLine(input: string): string {
  return input.normalize('NFC').replace(/\r\n?|\n|\t/g, ' ').replace(CONTROL, '').replace(DECEPTIVE, '').replace(/\s+/g, ' ').trim();
}

/** Cleans multi-line input (a body): newlines kept (at most one blank line in a row), trailing spaces dropped. */
export function cleanText(input: string): string {
  return input
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, '')
    .replace(DECEPTIVE, '')
    .replace(/[ \u00A0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// Only absolute http(s) URLs become links: `javascript:`, `data:` and the like are never matched, so they
// stay text. A URL ends at whitespace or at a character that cannot start markup.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the URL ("see https://example.com/a.").
const TRAILING = /[.,;:!?'"*_~]+$/;

/** Splits a matched URL from the punctuation after it, keeping a closing paren the URL itself opened. */
function trimUrl(match: string): [url: string, rest: string] {
  let url = match.replace(TRAILING, '');
  while (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) {
    url = url.slice(0, -1).replace(TRAILING, '');
  }
  return [url, match.slice(url.length)];
}

/** Counts the links a body would render with (spam has many; see `COMMENTS_MAX_LINKS`). */
export function countLinks(body: string): number {
  return body.match(URL_PATTERN)?.length ?? 0;
}

/**
 * Renders a cleaned body as HTML: every character of the text escaped, newlines as `<br>`, URLs linked.
 * The href is built from the escaped URL and only ever starts with `http://` or `https://`.
 */
export function renderCommentHtml(body: string): string {
  let html = '';
  let last = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    const [url, rest] = trimUrl(match[0]);
    html += escapeXml(body.slice(last, match.index));
    if (url.length > 'https://'.length) {
      const href = escapeXml(url);
      html += `<a href="${href}" rel="nofollow ugc">${href}</a>`;
    } else {
      html += escapeXml(url);
    }
    html += escapeXml(rest);
    last = match.index + match[0].length;
  }
  html += escapeXml(body.slice(last));
  return html.replace(/\n/g, '<br>\n');
}
