/**
 * Netlify's `_redirects`, from the Wagtail redirects. Astro ignores page files whose name starts with
 * `_`, so the file is produced by this dynamic endpoint whose one static path is `_redirects`: it lands
 * in `dist/_redirects`, where Netlify reads it.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { redirectsFile } from '../render/redirects.ts';
import { getSiteData } from '../site/load.ts';

/** Always a file in dist/, even if a server adapter is added for the preview route. */
export const prerender = true;

export const getStaticPaths = (() => [{ params: { netlifyFile: '_redirects' } }]) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const data = await getSiteData();
  const file = redirectsFile(data.redirects, data.byUrl);
  for (const { redirect, reason } of file.skipped) {
    console.warn(`[redirects] Skipped the Wagtail redirect ${redirect.from} → ${redirect.to}: ${reason}.`);
  }
  return new Response(file.text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
