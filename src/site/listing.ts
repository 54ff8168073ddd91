/**
 * Paginated child listings. A section can have thousands of children (sites have 10,000 pages), so an
 * index page lists them `perPage` at a time: `/journal/`, `/journal/page/2/`, ...
 */
import type { Page } from '../wagtail/schema.ts';

export interface Listing {
  /** The children shown on this page of the listing. */
  items: readonly Page[];
  /** 1-based. */
  pageNumber: number;
  pageCount: number;
  total: number;
  /** Site-relative URL of page `n` of this listing. */
  urlOf(n: number): string;
}

/** `/journal/` for page 1, `/journal/page/2/` after. */
export function listingUrl(parentUrl: string, n: number): string {
  const base = parentUrl.endsWith('/') ? parentUrl : `${parentUrl}/`;
  return n <= 1 ? base : `${base}page/${n}/`;
}

export function listingPageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

export function paginate(parentUrl: string, children: readonly Page[], perPage: number, pageNumber: number): Listing {
  const pageCount = listingPageCount(children.length, perPage);
  const n = Math.min(Math.max(1, pageNumber), pageCount);
  return {
    items: children.slice((n - 1) * perPage, n * perPage),
    pageNumber: n,
    pageCount,
    total: children.length,
    urlOf: (k) => listingUrl(parentUrl, k),
  };
}

/**
 * Listing order for a parent's children: newest first when every child is dated (an article index),
 * tree order (the editor's order) otherwise. Stable, so equal dates keep their tree order.
 */
export function listingOrder(children: readonly Page[], dates: ReadonlyMap<string, string>): readonly Page[] {
  if (children.length === 0 || !children.every((c) => dates.has(c.id))) return children;
  const time = (p: Page) => Date.parse(dates.get(p.id) ?? '') || 0;
  return [...children].sort((a, b) => time(b) - time(a));
}
