/**
 * The static routes of `src/pages/[...path].astro`: one per page, by its URL, plus the extra pages of
 * paginated child listings. Kept out of the route file so it can be tested without Astro.
 */
import type { Page } from '../wagtail/schema.ts';
import { listingPageCount, listingUrl } from './listing.ts';
import { routeParam } from './routes.ts';
import type { PageTree } from './tree.ts';

export interface PageRoute {
  /** The `[...path]` parameter: undefined for `/`. */
  path: string | undefined;
  /** Wagtail id of the page rendered. */
  id: string;
  /** Page of the child listing (1 for the page itself). */
  pageNumber: number;
}

export interface RouteProblem {
  page: Page;
  message: string;
}

/**
 * @param perPageFor children listed per page by a content type's template, or undefined when its
 *   template does not list children.
 */
export function pageRoutes(
  tree: Pick<PageTree, 'pages' | 'byUrl' | 'children'>,
  perPageFor: (contentType: string) => number | undefined,
): { routes: PageRoute[]; problems: RouteProblem[] } {
  const routes: PageRoute[] = [];
  const problems: RouteProblem[] = [];
  const taken = new Set<string>();
  const add = (page: Page, url: string, pageNumber: number) => {
    let path: string | undefined;
    try {
      path = routeParam(url);
    } catch (error) {
      problems.push({ page, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const key = path ?? '';
    if (taken.has(key)) {
      problems.push({ page, message: `URL ${url} of page ${page.id} is already used by another page: skipped.` });
      return;
    }
    taken.add(key);
    routes.push({ path, id: page.id, pageNumber });
  };

  for (const page of tree.pages) add(page, page.url, 1);
  for (const page of tree.pages) {
    const perPage = perPageFor(page.contentType);
    if (!perPage) continue;
    const count = listingPageCount(tree.children(page.id).length, perPage);
    for (let n = 2; n <= count; n++) {
      const url = listingUrl(page.url, n);
      if (tree.byUrl.has(url)) {
        problems.push({ page, message: `Listing page ${url} would hide the CMS page at that URL: listing stops at page ${n - 1}.` });
        break;
      }
      add(page, url, n);
    }
  }
  return { routes, problems };
}
