/**
 * Loads the Wagtail Site being rendered (its name for the header, its root page for navigation) as the
 * single entry `site` of the `site` collection.
 */
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import type { WagtailOptions } from './config.ts';
import { CmsResponseError } from './errors.ts';
import type { Site } from './schema.ts';
import { createSession, requestValid } from './session.ts';

const sitesSchema = z.object({
  sites: z.array(
    z.object({
      hostname: z.string(),
      port: z.number().int(),
      siteName: z.string(),
      isDefaultSite: z.boolean(),
      rootPage: z.object({ id: z.union([z.string(), z.number()]).transform(String) }).nullable(),
    }),
  ),
});

const SITES_QUERY = 'query WagtailSites { sites(limit: 100) { hostname port siteName isDefaultSite rootPage { id } } }';

export function wagtailSiteLoader(options: WagtailOptions = {}): Loader {
  return {
    name: 'wagtail-site',
    async load({ store, logger }) {
      const session = createSession(options, (message) => logger.info(message));
      const { sites } = await requestValid(session, 'WagtailSites', SITES_QUERY, sitesSchema, 'list of sites');
      const wanted = session.config.siteHostname;
      const site = wanted ? sites.find((s) => s.hostname === wanted) : (sites.find((s) => s.isDefaultSite) ?? sites[0]);
      if (!site) {
        const known = sites.map((s) => s.hostname).join(', ') || 'none';
        throw new CmsResponseError(
          wanted
            ? `CMS_SITE_HOSTNAME is "${wanted}", but the CMS has no such Wagtail Site (it has: ${known}).`
            : `The CMS at ${session.config.endpoint} has no Wagtail Site. Create one in Wagtail's Settings → Sites.`,
        );
      }
      const data: Site = {
        siteName: site.siteName,
        hostname: site.hostname,
        port: site.port,
        rootPageId: site.rootPage?.id ?? null,
        cmsOrigin: new URL(session.config.endpoint).origin,
      };
      store.clear();
      store.set({ id: 'site', data });
    },
  };
}
