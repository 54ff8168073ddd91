/**
 * The content collections, all filled from Wagtail by the sync layer (`src/wagtail/`).
 * Templates read them through `src/site/`, never through GraphQL.
 */
import { defineCollection } from 'astro:content';
import { pageSchema, redirectSchema, siteSchema } from './wagtail/schema.ts';
import { wagtailPagesLoader, wagtailRedirectsLoader, wagtailSiteLoader } from './wagtail/index.ts';

export const collections = {
  /** Every live page, keyed by Wagtail page id. */
  pages: defineCollection({ loader: wagtailPagesLoader(), schema: pageSchema }),
  /** One entry, id `site`: the Wagtail Site being rendered. */
  site: defineCollection({ loader: wagtailSiteLoader(), schema: siteSchema }),
  /** Wagtail redirects, keyed by their old path. */
  redirects: defineCollection({ loader: wagtailRedirectsLoader(), schema: redirectSchema }),
};
