/**
 * What the SEO head says about a page, derived from any page type without knowing it.
 */
import type { Block, Field, Image, Page } from '../wagtail/schema.ts';
import { collapseWhitespace, htmlToText, truncate } from './html-tree.ts';
import { children, isImage, items } from './block-values.ts';

/** Field names that usually hold a page's summary, most telling first. */
const SUMMARY_FIELDS = ['searchDescription', 'introduction', 'intro', 'summary', 'excerpt', 'lead', 'standfirst', 'subtitle', 'heroText', 'description'];

export const DESCRIPTION_LENGTH = 160;

/** `<title>`: the SEO title, then the site name, unless the SEO title already names the site. */
export function documentTitle(seoTitle: string, siteName: string): string {
  if (!siteName || seoTitle.toLowerCase().includes(siteName.toLowerCase())) return seoTitle;
  return seoTitle ? `${seoTitle} | ${siteName}` : siteName;
}

/**
 * The meta description: the editor's search description, else a summary-like field, else the start of
 * the first rich text (field or StreamField paragraph). Empty when the page has no text at all.
 */
export function pageDescription(page: Page, max = DESCRIPTION_LENGTH): string {
  const own = collapseWhitespace(page.searchDescription);
  if (own) return truncate(own, max);
  for (const name of SUMMARY_FIELDS) {
    const text = fieldText(page.fields[name]);
    if (text) return truncate(text, max);
  }
  for (const field of Object.values(page.fields)) {
    const text = field.kind === 'richtext' ? fieldText(field) : field.kind === 'stream' ? streamText(field.blocks) : null;
    if (text) return truncate(text, max);
  }
  return '';
}

function fieldText(field: Field | undefined): string | null {
  if (!field) return null;
  if (field.kind === 'text') return collapseWhitespace(field.value ?? '') || null;
  if (field.kind === 'richtext') return field.html ? htmlToText(field.html) || null : null;
  return null;
}

/** The first paragraph-like text in a stream. */
function streamText(blocks: readonly Block[]): string | null {
  return findInStream(blocks, (block) => {
    if (typeof block.value !== 'string') return null;
    if (block.__typename === 'RichTextBlock') return htmlToText(block.value) || null;
    if (block.__typename === 'TextBlock' || block.__typename === 'BlockQuoteBlock') return collapseWhitespace(block.value) || null;
    return null;
  });
}

/** The first non-null `pick(block)`, depth-first through struct children and list items. */
function findInStream<T>(blocks: readonly Block[], pick: (block: Block) => T | null): T | null {
  for (const block of blocks) {
    const found = pick(block) ?? findInStream([...children(block), ...items(block)], pick);
    if (found !== null) return found;
  }
  return null;
}

/** The page's representative image: its first image field, else the first image in its StreamFields. */
export function firstImage(page: Page): Image | null {
  for (const field of Object.values(page.fields)) if (field.kind === 'image' && field.image) return field.image;
  for (const field of Object.values(page.fields)) {
    if (field.kind !== 'stream') continue;
    const found = findInStream(field.blocks, (block) => (isImage(block.image) ? block.image : null));
    if (found) return found;
  }
  return null;
}
