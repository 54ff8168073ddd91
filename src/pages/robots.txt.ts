import type { APIRoute } from 'astro';
import { robotsTxt } from '../render/robots.ts';
import { siteUrl } from '../render/site-url.ts';

/** Always a file in dist/, even if a server adapter is added for the preview route. */
export const prerender = true;

export const GET: APIRoute = ({ site }) =>
  new Response(robotsTxt(new URL('/sitemap.xml', siteUrl(site)).href), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
