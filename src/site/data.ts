/**
 * Everything templates and site files need to know about the site, computed in one pass.
 */
import type { Page, Redirect, Site } from '../wagtail/schema.ts';
import { detectArticleTypes, listArticles, type Article } from './articles.ts';
import type { RenderConfig } from './config.ts';
import { listingOrder } from './listing.ts';
import { buildPageTree, type PageTree } from './tree.ts';

export interface SiteData extends PageTree {
  site: Site;
  redirects: readonly Redirect[];
  /** Article-like pages, newest first (all of them; the feed takes the first `rssMaxItems`). */
  articles: readonly Article[];
  /** Page id → the date an article-like page is listed by. */
  articleDates: ReadonlyMap<string, string>;
  /** `app.Model` of the article-like page types and the field each is dated by. */
  articleDateField: ReadonlyMap<string, string | null>;
  config: RenderConfig;
  /**
   * Children in listing order: newest first when every child is dated (a journal), else tree order.
   * Memoized per parent, since every page of a paginated listing asks for the same list.
   */
  listedChildren(pageId: string): readonly Page[];
}

export interface SiteContent {
  pages: readonly Page[];
  site: Site;
  redirects: readonly Redirect[];
}

export function buildSiteData(content: SiteContent, config: RenderConfig): SiteData {
  const tree = buildPageTree(content.pages, content.site);
  const types = detectArticleTypes(tree.pages, config.rssContentTypes);
  const articles = listArticles(tree.pages, types);
  const articleDates = new Map(articles.map((a) => [a.page.id, a.date]));
  const listed = new Map<string, readonly Page[]>();
  return {
    ...tree,
    site: content.site,
    redirects: content.redirects,
    articles,
    articleDates,
    articleDateField: types.dateFieldByType,
    config,
    listedChildren(pageId) {
      let children = listed.get(pageId);
      if (!children) listed.set(pageId, (children = listingOrder(tree.children(pageId), articleDates)));
      return children;
    },
  };
}
