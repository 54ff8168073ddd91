/** The per-request GraphQL context the resolvers read. */
import type { ContentStore } from '../content/store.ts';
import type { PageRecord } from '../content/types.ts';
import type { MediaLibrary } from '../media/library.ts';

/**
 * Hooks the resolvers call whenever they hand out a page, so the server can account simulated work and
 * inject faults without the schema knowing about either (see `cms/latency.ts`, `cms/faults.ts`).
 */
export interface PageAccounting {
  /** A page found by a lookup (`page(...)`, `site.page`, `articlePage`): may throw to null it. */
  lookup(page: PageRecord): void;
  /** A page returned in a list or as a reference: returns an error to fail just that item. */
  item(page: PageRecord): Error | null;
  /** The page's content (StreamField, rich text) is being resolved: may throw. */
  content(page: PageRecord): void;
}

export interface CmsContext {
  store: ContentStore;
  media: MediaLibrary;
  /** Origin absolute media URLs are built on (`http://127.0.0.1:8000`): Wagtail's WAGTAILADMIN_BASE_URL. */
  origin: string;
  /** The request's Host header, for `inSite` (Wagtail's `Site.find_for_request`). */
  host: string | null;
  pages: PageAccounting;
  /** Search relevance of pages returned by a search in this request. */
  searchScores: WeakMap<PageRecord, number>;
}
