/**
 * Defensive readers for StreamField block values.
 *
 * Blocks arrive with grapple's own shape (README §9): typed fields under their GraphQL names, images
 * already reduced to `Image`, page references to `PageLink`. What a block carries varies from one site
 * (and one CMS version) to the next, so components read every value through these guards and render
 * nothing for a value that is missing or of an unexpected type, instead of crashing the build.
 */
import type { Block, Image, PageLink } from '../wagtail/schema.ts';

/** Keys every block has: never content. */
export const BLOCK_META_KEYS = new Set(['__typename', 'id', 'blockType', 'field', 'blocks', 'items', 'rawValue']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function str(block: Block, key: string): string | null {
  const v = block[key];
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

export function num(block: Block, key: string): number | null {
  const v = block[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function bool(block: Block, key: string): boolean | null {
  const v = block[key];
  return typeof v === 'boolean' ? v : null;
}

export function isImage(v: unknown): v is Image {
  // `alt` too: it goes straight into the `<img>`, and a missing one would drop the attribute.
  return (
    isRecord(v) &&
    typeof v.src === 'string' &&
    typeof v.width === 'number' &&
    typeof v.height === 'number' &&
    typeof v.alt === 'string'
  );
}

const PAGE_LINK_KEYS = new Set(['id', 'url', 'title', 'contentType']);

/**
 * A page reference as the sync layer reduces it (`{ id, url, title, contentType? }`, nothing else), as
 * opposed to a document, which has the same three keys plus file details, and a URL under /documents/.
 */
export function isPageLink(v: unknown): v is PageLink {
  return (
    isRecord(v) &&
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    (v.url === null || (typeof v.url === 'string' && !v.url.includes('/documents/'))) &&
    Object.keys(v).every((key) => PAGE_LINK_KEYS.has(key))
  );
}

export interface DocumentLink {
  title: string;
  url: string;
}

/** A document (grapple's DocumentObjectType, or anything with a file URL and a title that is no page). */
export function isDocument(v: unknown): v is DocumentLink & Record<string, unknown> {
  return isRecord(v) && typeof v.url === 'string' && v.url !== '' && typeof v.title === 'string' && !isPageLink(v);
}

export function image(block: Block, key = 'image'): Image | null {
  const v = block[key];
  return isImage(v) ? v : null;
}

export function page(block: Block, key = 'page'): PageLink | null {
  const v = block[key];
  return isPageLink(v) ? v : null;
}

export function document(block: Block, key = 'document'): DocumentLink | null {
  const v = block[key];
  return isDocument(v) ? { title: v.title, url: v.url } : null;
}

export function isBlock(v: unknown): v is Block {
  return isRecord(v) && typeof v.__typename === 'string';
}

/** Child blocks of a struct/stream block (`blocks`), with anything malformed left out. */
export function children(block: Block): Block[] {
  return Array.isArray(block.blocks) ? block.blocks.filter(isBlock) : [];
}

/** Items of a list block. */
export function items(block: Block): Block[] {
  return Array.isArray(block.items) ? block.items.filter(isBlock) : [];
}

/** The child of a struct block for one of its fields (`caption`), when the typed field is absent. */
export function child(block: Block, field: string): Block | undefined {
  return children(block).find((b) => b.field === field);
}

/** `paragraph_block` / `headingText` → `Paragraph block` / `Heading text`: labels for generic rendering. */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The content-bearing own fields of a block (everything but the bookkeeping keys), for rendering a block
 * type we have no component for. Empty values are left out.
 */
export function contentEntries(block: Block): [string, unknown][] {
  return Object.entries(block).filter(([key, v]) => !BLOCK_META_KEYS.has(key) && hasContent(v));
}

/** Whether a value would show anything when rendered generically. */
export function hasContent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.some(hasContent);
  if (isImage(v) || isPageLink(v) || isDocument(v)) return true;
  if (isRecord(v)) return Object.entries(v).some(([key, inner]) => key !== '__typename' && key !== 'id' && hasContent(inner));
  return false;
}
