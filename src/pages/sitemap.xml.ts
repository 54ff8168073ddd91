/**
 * `/sitemap.xml`: every CMS page (paginated listing pages are not separate documents to index), once per
 * URL: `byUrl` holds the page that route renders when a broken sync sends two pages with one URL.
 */
import type { APIRoute } from 'astro';
import { sitemapXml } from '../render/sitemap.ts';
import { siteUrl } from '../render/site-url.ts';
import { getSiteData } from '../site/load.ts';

/** Always a file in dist/, even if a server adapter is added for the preview route. */
export const prerender = true;

export const GET: APIRoute = async ({ site }) => {
  const data = await getSiteData();
  return new Response(sitemapXml(data.byUrl.values(), siteUrl(site)), {
    headers: { 'Content-Type': 'application/xml; charset=utf-8' },
  });
};
