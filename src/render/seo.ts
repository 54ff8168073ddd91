/**
 * What the SEO head says about a page, derived from any page type without knowing it.
 */
import type { Block, Field, Image, Page } from '../wagtail/schema.ts';
import { htmlToText, truncate } from './html-tree.ts';
import { isImage } from './block-values.ts';

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
  if (page.searchDescription.trim()) return truncate(page.searchDescription.trim().replace(/\s+/g, ' '), max);
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
  if (field.kind === 'text') return field.value?.trim().replace(/\s+/g, ' ') || null;
  if (field.kind === 'richtext') return field.html ? htmlToText(field.html) || null : null;
  return null;
}

/** The first paragraph-like text in a stream (depth-first). */
function streamText(blocks: readonly Block[]): string | null {
  for (const block of blocks) {
    if (block.__typename === 'RichTextBlock' && typeof block.value === 'string') {
      const text = htmlToText(block.value);
      if (text) return text;
    }
    if ((block.__typename === 'TextBlock' || block.__typename === 'BlockQuoteBlock') && typeof block.value === 'string' && block.value.trim()) {
      return block.value.trim().replace(/\s+/g, ' ');
    }
    const nested = [...(block.blocks ?? []), ...(block.items ?? [])];
    const text = nested.length > 0 ? streamText(nested) : null;
    if (text) return text;
  }
  return null;
}

/** The page's representative image: its first image field, else the first image in its StreamFields. */
export function firstImage(page: Page): Image | null {
  for (const field of Object.values(page.fields)) if (field.kind === 'image' && field.image) return field.image;
  for (const field of Object.values(page.fields)) {
    if (field.kind !== 'stream') continue;
    const found = streamImage(field.blocks);
    if (found) return found;
  }
  return null;
}

function streamImage(blocks: readonly Block[]): Image | null {
  for (const block of blocks) {
    if (isImage(block.image)) return block.image;
    const nested = [...(block.blocks ?? []), ...(block.items ?? [])];
    const found = nested.length > 0 ? streamImage(nested) : null;
    if (found) return found;
  }
  return null;
}
