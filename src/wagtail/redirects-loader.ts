/**
 * Loads Wagtail's redirects (grapple returns them all at once, README item 12) for `_redirects`.
 */
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import type { WagtailOptions } from './config.ts';
import type { Redirect } from './schema.ts';
import { createSession, requestValid } from './session.ts';

const redirectsSchema = z.object({
  redirects: z.array(
    z.object({
      oldPath: z.string(),
      newUrl: z.string().nullable(),
      isPermanent: z.boolean(),
      page: z.object({ url: z.string().nullable() }).nullable(),
    }),
  ),
});

const REDIRECTS_QUERY = 'query WagtailRedirects { redirects { oldPath newUrl isPermanent page { url } } }';

export function wagtailRedirectsLoader(options: WagtailOptions = {}): Loader {
  return {
    name: 'wagtail-redirects',
    async load({ store, logger }) {
      const session = createSession(options, (message) => logger.info(message));
      const { redirects } = await requestValid(session, 'WagtailRedirects', REDIRECTS_QUERY, redirectsSchema, 'redirects');
      store.clear();
      for (const redirect of redirects) {
        const to = redirect.newUrl || redirect.page?.url;
        if (!to) {
          logger.warn(`Wagtail redirect ${redirect.oldPath} has no target (its page may be unpublished); skipped.`);
          continue;
        }
        const from = redirect.oldPath.startsWith('/') ? redirect.oldPath : `/${redirect.oldPath}`;
        const data: Redirect = { from, to, status: redirect.isPermanent ? 301 : 302 };
        store.set({ id: from, data });
      }
    },
  };
}
