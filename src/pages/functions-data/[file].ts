/**
 * The data the Netlify Functions read, made from the same entries as the pages: the page list (which
 * pages exist, which take comments) and the search index. Rendered like any other file, then moved out
 * of the published site into `functions/_generated/` by the functions-data integration.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { SEARCH_INDEX_FILE } from '../../../functions/_shared/search-index.ts';
import { serializeSitePages, SITE_PAGES_FILE, type SitePage } from '../../../functions/_shared/site-pages.ts';
import { serializeIndex } from '../../search/engine.ts';
import { searchRecord } from '../../search/records.ts';
import { commentsOpen } from '../../site/comments.ts';
import { getSiteData } from '../../site/load.ts';

export const prerender = true;

export const getStaticPaths = (() => [{ params: { file: SITE_PAGES_FILE } }, { params: { file: SEARCH_INDEX_FILE } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const data = await getSiteData();
  const routable = data.pages.filter((page) => data.byUrl.get(page.url) === page);
  let body: string;
  if (params.file === SITE_PAGES_FILE) {
    const pages = new Map<string, SitePage>();
    for (const page of routable) {
      pages.set(page.id, { url: page.url, title: page.title, contentType: page.contentType, comments: commentsOpen(page, data) });
    }
    body = serializeSitePages(pages);
  } else {
    body = serializeIndex(routable.map((page) => searchRecord(page, data.articleDates.get(page.id) ?? null)));
  }
  const type = params.file === SITE_PAGES_FILE ? 'application/json' : 'text/plain';
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
};
