/**
 * The deployed site's origin, from Astro's `site` (set from `SITE_URL`, or Netlify's `URL`).
 * Canonical links, the sitemap and the feed need absolute URLs; a local build without one falls back to
 * the preview server's address, with one warning, rather than failing.
 */
const FALLBACK = 'http://localhost:4321/';
let warned = false;

export function siteUrl(site: URL | undefined): URL {
  if (site) return site;
  if (!warned) {
    warned = true;
    console.warn(
      `[site] SITE_URL is not set, so canonical links, sitemap.xml and rss.xml use ${FALLBACK}. ` +
        'Set SITE_URL to the public address of the site (Netlify builds use its URL variable).',
    );
  }
  return new URL(FALLBACK);
}
