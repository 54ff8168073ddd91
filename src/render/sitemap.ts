/**
 * `sitemap.xml`: every page, absolute URL, `lastmod` from Wagtail's last publication.
 *
 * One file is enough: the protocol allows 50,000 URLs per sitemap, far above the sites this targets.
 */
import { absoluteUrl } from '../site/routes.ts';
import { escapeXml } from './escape.ts';

export interface SitemapPage {
  url: string;
  lastPublishedAt: string | null;
}

export const SITEMAP_URL_LIMIT = 50_000;

export function sitemapXml(pages: Iterable<SitemapPage>, siteUrl: URL | string): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  let count = 0;
  for (const page of pages) {
    if (++count > SITEMAP_URL_LIMIT) {
      throw new Error(
        `The site has more than ${SITEMAP_URL_LIMIT} pages, the limit of one sitemap file. ` +
          'Split src/pages/sitemap.xml.ts into a sitemap index.',
      );
    }
    const lastmod = isoDate(page.lastPublishedAt);
    lines.push(
      `  <url><loc>${escapeXml(absoluteUrl(page.url, siteUrl))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`,
    );
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/** W3C datetime as sitemaps expect; microseconds (which grapple sends, README §6) are dropped. */
function isoDate(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
