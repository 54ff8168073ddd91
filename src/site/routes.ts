/**
 * Page URL ⇄ route parameter of `src/pages/[...path].astro`.
 */

/** `/` → undefined (the index route), `/a/b/` → `a/b`. Throws on a URL that cannot be a static route. */
export function routeParam(url: string): string | undefined {
  if (!url.startsWith('/') || url.startsWith('//')) {
    throw new Error(`Page URL ${JSON.stringify(url)} is not site-relative: it cannot become a static route.`);
  }
  const path = url.split(/[?#]/, 1)[0]!.replace(/^\/+|\/+$/g, '');
  if (path === '') return undefined;
  if (path.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new Error(`Page URL ${JSON.stringify(url)} has an empty or dot segment: it cannot become a static route.`);
  }
  // Astro's file names are the decoded path; Wagtail slugs may be percent-encoded unicode.
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The canonical, site-relative URL for a route parameter: always with a trailing slash. */
export function routeUrl(param: string | undefined): string {
  return param ? `/${param}/` : '/';
}

/** An absolute URL on the deployed site (`Astro.site`), for canonical links, feeds and sitemaps. */
export function absoluteUrl(path: string, siteUrl: URL | string): string {
  return new URL(path, siteUrl).href;
}
