/** `/rss.xml`: the newest article-like pages (see src/site/articles.ts for what counts as one). */
import type { APIRoute } from 'astro';
import { rssXml } from '../render/rss.ts';
import { pageDescription } from '../render/seo.ts';
import { siteUrl } from '../render/site-url.ts';
import { getSiteData } from '../site/load.ts';

/** Always a file in dist/, even if a server adapter is added for the preview route. */
export const prerender = true;

export const GET: APIRoute = async ({ site }) => {
  const data = await getSiteData();
  const base = siteUrl(site);
  const home = data.home;
  const xml = rssXml({
    title: data.site.siteName,
    description: (home && pageDescription(home)) || `The latest from ${data.site.siteName}`,
    link: new URL('/', base).href,
    self: new URL('/rss.xml', base).href,
    items: data.articles.slice(0, data.config.rssMaxItems).map(({ page, date }) => ({
      title: page.title,
      link: new URL(page.url, base).href,
      description: pageDescription(page, 300),
      date,
    })),
  });
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
