/**
 * The Astro content loader for Wagtail pages: introspect → list → fetch details → validate → store,
 * then prune the pages that are gone. Entries carry a digest, so unchanged pages are not rewritten.
 */
import type { Loader } from 'astro/loaders';
import type { WagtailOptions } from './config.ts';
import { fetchPages } from './fetch-pages.ts';
import { listPages } from './list-pages.ts';
import { createPhaseTimer, createProgress, createWarnings, formatReport } from './progress.ts';
import { createSession, introspect } from './session.ts';

export function wagtailPagesLoader(options: WagtailOptions = {}): Loader {
  return {
    name: 'wagtail-pages',
    async load({ store, logger, generateDigest }) {
      const warnings = createWarnings(logger);
      const session = createSession(options, (message) => logger.info(message));
      const timer = createPhaseTimer();
      logger.info(`Syncing pages from ${session.config.endpoint}`);

      const plan = await timer.phase('introspection', () => introspect(session));
      const listing = await timer.phase('listing', () => listPages(session, plan));
      const progress = createProgress(logger, listing.pages.length);
      const fetched = await timer.phase('details', async () => {
        try {
          return await fetchPages(session, plan, listing.pages, { onPages: progress.add, onWarning: warnings.add });
        } finally {
          warnings.flush();
        }
      });
      progress.finish();

      await timer.phase('store', async () => {
        const seen = new Set<string>();
        const urls = new Map<string, string>();
        for (const page of fetched.pages) {
          const clash = urls.get(page.url);
          if (clash) {
            logger.warn(`pages ${clash} and ${page.id} share the url ${page.url}; page ${page.id} is left out`);
            continue;
          }
          urls.set(page.url, page.id);
          seen.add(page.id);
          store.set({ id: page.id, data: page, digest: generateDigest(page) });
        }
        for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      });

      logger.info(
        formatReport({
          pages: fetched.pages.length,
          skipped: listing.skipped,
          vanished: fetched.vanished,
          stats: session.client.stats,
          phases: timer.phases,
        }),
      );
    },
  };
}
