/**
 * The excerpt shown under a result: about `SNIPPET_LENGTH` characters of the page's body around the first
 * word the query matched, with every matched word in `<mark>`. The text is CMS content and the words come
 * from the user, so each piece is escaped as it is written and the only markup is the `<mark>` we add.
 */
import { escapeXml } from '../render/escape.ts';
import { wordSpans } from './tokens.ts';

export const SNIPPET_LENGTH = 160;
/** Context kept before the first match, so the excerpt does not start on the matched word. */
const LEAD = 50;

/**
 * `texts`: where to look, in order (body, then description); the first with a matched word is used, else
 * the start of the first non-empty one, unmarked.
 */
export function snippet(texts: readonly string[], matched: ReadonlySet<string>): string {
  for (const text of texts) {
    const spans = wordSpans(text);
    const first = spans.find((span) => matched.has(span.word));
    if (first) return excerpt(text, spans, first.start, matched);
  }
  const fallback = texts.find((text) => text.trim() !== '') ?? '';
  return excerpt(fallback, [], 0, matched);
}

function excerpt(text: string, spans: ReturnType<typeof wordSpans>, matchAt: number, matched: ReadonlySet<string>): string {
  let start = Math.max(0, matchAt - LEAD);
  if (start > 0) {
    // Start on a word boundary, never inside the word that was cut.
    const space = text.indexOf(' ', start);
    start = space !== -1 && space < matchAt ? space + 1 : matchAt;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > matchAt) end = space;
  }
  let html = start > 0 ? '…' : '';
  let at = start;
  for (const span of spans) {
    if (span.start < start || span.end > end || !matched.has(span.word)) continue;
    html += `${escapeXml(text.slice(at, span.start))}<mark>${escapeXml(text.slice(span.start, span.end))}</mark>`;
    at = span.end;
  }
  html += escapeXml(text.slice(at, end));
  return end < text.length ? `${html.trimEnd()}…` : html;
}
