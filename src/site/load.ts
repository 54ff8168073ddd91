/**
 * Loads the collections once per build and indexes them.
 *
 * Every route and endpoint calls `getSiteData()`; the promise is memoized at module level so the
 * collections are read and indexed once, not once per rendered page.
 */
import { getCollection, getEntry } from 'astro:content';
import type { Page, Redirect } from '../wagtail/schema.ts';
import { readRenderConfig } from './config.ts';
import { buildSiteData, type SiteData } from './data.ts';

let loading: Promise<SiteData> | undefined;

export function getSiteData(): Promise<SiteData> {
  // The dev server reloads content while running: index afresh per request there (cheap next to a render).
  if (import.meta.env.DEV) return load();
  loading ??= load().catch((error: unknown) => {
    loading = undefined; // a later caller retries instead of inheriting the failure
    throw error;
  });
  return loading;
}

async function load(): Promise<SiteData> {
  const config = readRenderConfig();
  const [pages, siteEntry, redirects] = await Promise.all([
    getCollection('pages'),
    getEntry('site', 'site'),
    getCollection('redirects'),
  ]);
  if (!siteEntry) {
    throw new Error(
      'The "site" collection has no entry "site": the Wagtail sync did not store the Site being built. ' +
        'Check the sync output above (CMS_SITE_HOSTNAME must name a Wagtail Site).',
    );
  }
  return buildSiteData(
    {
      pages: pages.map((entry: { data: Page }) => entry.data),
      site: siteEntry.data,
      redirects: redirects.map((entry: { data: Redirect }) => entry.data),
    },
    config,
  );
}
