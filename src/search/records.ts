/**
 * What the search index knows about a page: its title, description, headings and body text, read from
 * any page type and any StreamField without knowing their names (the same generic reading the fallback
 * templates do), so a Wagtail schema the project has never seen is searchable with no code.
 */
import type { Block, Field, Page } from '../wagtail/schema.ts';
import { planFallback } from '../render/block-plan.ts';
import { isBlock, isDocument, isImage, isPageLink } from '../render/block-values.ts';
import { collapseWhitespace } from '../render/html-tree.ts';
import { pageDescription } from '../render/seo.ts';
import { richTextParts } from './html-parts.ts';

export interface SearchRecord {
  /** Wagtail page id. */
  id: string;
  title: string;
  /** The meta description (the editor's search description, else a summary-like field). */
  description: string;
  /** Headings of the page's StreamFields and rich text, in page order. */
  headings: string[];
  /** Plain text of the page's text, rich text and StreamField content, cut at `BODY_MAX_CHARS`. */
  body: string;
  /** `app.Model`, for the type filter. */
  type: string;
  url: string;
  /** ISO date the page is listed by (an article's own date), else its first publication; null if never. */
  date: string | null;
}

/**
 * Body text kept per page: about 450 words, the whole of a typical page and the first screens of a long
 * article, where the words a reader searches for are. The function loads the whole index on a cold start,
 * and terms, postings and snippet text all grow with this cap: at 10k pages with a real vocabulary and
 * every body this long, a cold start takes ~130 ms; 4,000 characters took ~150 ms, the target's limit
 * (`node scripts/bench/search-engines.ts --corpus wide --body-chars N`).
 */
export const BODY_MAX_CHARS = 3000;
/** Headings kept per page: a long FAQ page's hundred questions would otherwise outweigh its title. */
export const HEADINGS_MAX = 30;

/** Block types whose values are not prose: settings, links to other things, media, numbers and dates. */
const NON_TEXT_BLOCKS = new Set([
  'ChoiceBlock', 'MultipleChoiceBlock', 'URLBlock', 'EmailBlock', 'IntegerBlock', 'FloatBlock', 'DecimalBlock',
  'DateBlock', 'TimeBlock', 'DateTimeBlock', 'BooleanBlock', 'PageChooserBlock', 'DocumentChooserBlock',
  'ImageChooserBlock', 'ImageBlock', 'EmbedBlock', 'SnippetChooserBlock', 'StaticBlock',
]);
/** Keys of objects and blocks that hold identifiers, not text (a snippet's `id`, a document's `file`). */
const NON_TEXT_KEYS = new Set(['id', 'slug', 'url', 'file', 'fileHash', 'snippetType', 'typename', 'contentType', 'embed']);
/** A block or field named like this holds headings: HeadingBlock, an info panel's `title`, `headline`. */
const HEADING_NAME = /head(?:ing|line)|title/i;
/** Rich text values in blocks: grapple gives no kind there, so tell HTML by the block type or the markup. */
const HTML_BLOCKS = new Set(['RichTextBlock', 'RawHTMLBlock']);
const LOOKS_LIKE_HTML = /<[a-z][^>]*>/i;
/** Single tokens that are identifiers: URLs, paths, hashes, ISO dates. Nobody searches for these. */
const IDENTIFIER = /^[a-z][a-z\d+.-]*:\S|[/\\]|^[\da-f]{16,}$|^\d{4}-\d{2}-\d{2}/i;

/** `date`: the article date the site lists the page by, when it has one (`SiteData.articleDates`). */
export function searchRecord(page: Page, date?: string | null): SearchRecord {
  const text = new TextCollector();
  for (const field of Object.values(page.fields)) collectField(field, text);
  return {
    id: page.id,
    title: collapseWhitespace(page.title),
    description: pageDescription(page),
    headings: text.headings,
    body: text.body(),
    type: page.contentType,
    url: page.url,
    date: date ?? page.firstPublishedAt ?? null,
  };
}

/** Accumulates text until the caps, so a huge page costs no more work than a long one. */
class TextCollector {
  readonly headings: string[] = [];
  #body: string[] = [];
  #bodyLength = 0;

  get full(): boolean {
    return this.#bodyLength >= BODY_MAX_CHARS;
  }

  add(raw: string, heading: boolean, html = false): void {
    if (html) {
      const parts = richTextParts(raw);
      for (const h of parts.headings) this.add(h, true);
      this.add(parts.text, heading);
      return;
    }
    const text = collapseWhitespace(raw);
    if (!/\p{L}/u.test(text) || (!/\s/.test(text) && IDENTIFIER.test(text))) return;
    if (heading) {
      if (this.headings.length < HEADINGS_MAX && !this.headings.includes(text)) this.headings.push(text);
    } else if (!this.full) {
      this.#body.push(text);
      this.#bodyLength += text.length + 1;
    }
  }

  body(): string {
    const body = this.#body.join(' ');
    if (body.length <= BODY_MAX_CHARS) return body;
    // Cut at a word boundary, so the index never holds half a word a query could not match.
    const cut = body.slice(0, BODY_MAX_CHARS);
    const space = cut.lastIndexOf(' ');
    return space > BODY_MAX_CHARS * 0.9 ? cut.slice(0, space) : cut;
  }
}

function collectField(field: Field, text: TextCollector): void {
  switch (field.kind) {
    case 'text':
      if (field.value) text.add(field.value, false);
      return;
    case 'richtext':
      if (field.html) text.add(field.html, false, true);
      return;
    case 'stream':
      for (const block of field.blocks) collectBlock(block, text, false);
      return;
    case 'object':
      for (const [key, inner] of Object.entries(field.fields ?? {})) if (!NON_TEXT_KEYS.has(key)) collectField(inner, text);
      return;
    case 'list':
      for (const item of field.items) collectField(item, text);
      return;
    default:
      // Numbers, booleans, dates, images, links to other pages (their titles are those pages' content) and
      // opaque JSON say nothing a reader would search this page for.
      return;
  }
}

function collectBlock(block: Block, text: TextCollector, inHeading: boolean): void {
  if (text.full && !inHeading) return;
  if (NON_TEXT_BLOCKS.has(block.__typename)) return;
  const heading = inHeading || HEADING_NAME.test(block.blockType) || HEADING_NAME.test(block.field) || HEADING_NAME.test(block.__typename);
  const plan = planFallback(block);
  if (plan.kind === 'children') for (const child of plan.blocks) collectBlock(child, text, heading);
  else if (plan.kind === 'items') for (const item of plan.items) collectBlock(item, text, heading);
  else if (plan.kind === 'fields') {
    for (const [key, value] of plan.entries) {
      if (NON_TEXT_KEYS.has(key)) continue;
      if (typeof value === 'string') collectString(block, value, text, heading);
      else collectValue(value, text, heading);
    }
  }
}

function collectString(block: Block, value: string, text: TextCollector, heading: boolean): void {
  // A block grapple has no type for (a TableBlock) sends its Python value as a string: its text is in the
  // quoted literals that are not dict keys (`{'data': [['Hut', 'Beds']], ...}` → Hut, Beds).
  if (block.__typename === 'StreamFieldBlock' && /^[[{]/.test(value.trim())) {
    const dictKey = /\s*:/y;
    for (const m of value.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)) {
      dictKey.lastIndex = m.index + m[0].length;
      if (!dictKey.test(value)) text.add(m[1] ?? m[2] ?? '', heading);
    }
    return;
  }
  text.add(value, heading, HTML_BLOCKS.has(block.__typename) || LOOKS_LIKE_HTML.test(value));
}

/** Values inside a block we know nothing about: nested blocks, lists, objects; media and links skipped. */
function collectValue(value: unknown, text: TextCollector, heading: boolean): void {
  if (typeof value === 'string') text.add(value, heading, LOOKS_LIKE_HTML.test(value));
  else if (Array.isArray(value)) for (const item of value) collectValue(item, text, heading);
  else if (isBlock(value)) collectBlock(value, text, heading);
  else if (isImage(value) || isPageLink(value) || isDocument(value)) return;
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) if (key !== '__typename' && !NON_TEXT_KEYS.has(key)) collectValue(inner, text, heading);
  }
}
