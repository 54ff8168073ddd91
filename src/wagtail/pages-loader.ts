/**
 * The Astro content loader for Wagtail pages: introspect → list → diff against the last sync → fetch what
 * changed, with the pages whose content embeds a page that moved, was retitled or is gone → validate →
 * store, and prune the pages that are gone. A rebuild after one publish costs the listing and one batch.
 */
import type { Loader } from 'astro/loaders';
import type { WagtailOptions } from './config.ts';
import { CmsRequestError, PageSyncError } from './errors.ts';
import { fetchPages, prefetchFirstBatch, type Prefetched } from './fetch-pages.ts';
import { listPages, type ListedPage } from './list-pages.ts';
import { createPhaseTimer, createProgress, createWarnings, formatReport } from './progress.ts';
import { createSession, introspect } from './session.ts';
import { diffListing, readState, writeState } from './sync-state.ts';

export function wagtailPagesLoader(options: WagtailOptions = {}): Loader {
  return {
    name: 'wagtail-pages',
    async load({ store, meta, logger, generateDigest }) {
      const warnings = createWarnings(logger);
      const state = readState(meta);
      const session = createSession(options, (message) => logger.info(message), state?.fetching);
      const timer = createPhaseTimer();
      logger.info(`Syncing pages from ${session.config.endpoint}`);

      // The listing needs no schema: its first request goes while the schema is read (see listPages). A
      // first sync's first batch goes beside the listing's last requests (see prefetchFirstBatch).
      const introspecting = timer.phase('introspection', () => introspect(session, meta));
      let prefetching: Promise<Prefetched | undefined> | undefined;
      const prefetch = (listed: ListedPage[]) => {
        prefetching = introspecting.then(({ plan }) => prefetchFirstBatch(session, plan, listed), () => undefined);
      };
      const listing = await timer.phase('listing', async () => {
        const listed = await listPages(session, state?.listedRows, introspecting, session.controller.wantsPageSize ? prefetch : undefined);
        await prefetching;
        return listed;
      });
      const prefetched = await prefetching;
      let introspected = await introspecting;
      for (const clash of listing.clashes) logger.warn(clash);
      if (introspected.cached && listing.pages.some((p) => !introspected.plan.pageTypes.has(p.__typename))) {
        logger.info('The CMS lists a page type the cached schema does not know: reading the schema again.');
        introspected = await timer.phase('introspection', () => introspect(session, meta, true));
      }

      // Stored entries hold absolute media URLs of the CMS they came from: another endpoint refetches all.
      const fingerprintOf = (planFingerprint: string): string => `${planFingerprint}@${session.config.endpoint}`;
      const fetchAll = async (fresh: boolean) => {
        if (fresh) introspected = await timer.phase('introspection', () => introspect(session, meta, true));
        const { plan } = introspected;
        const diff = diffListing(listing.pages, store, state, fingerprintOf(plan.fingerprint));
        const progress = createProgress(logger, diff.changed.length);
        const fetched = await timer.phase('details', async () => {
          try {
            return await fetchPages(session, plan, diff.changed, { onPages: progress.add, onWarning: warnings.add }, prefetched);
          } finally {
            warnings.flush();
            if (diff.changed.length > 0) progress.finish();
          }
        });
        return { plan, diff, fetched };
      };

      let result;
      try {
        result = await fetchAll(false);
      } catch (error) {
        // A cached schema the CMS no longer accepts (a field removed in a deploy) fails validation with 400.
        if (!introspected.cached || !isRejectedQuery(error)) throw error;
        logger.info('The CMS rejected a query built from the cached schema: reading the schema again.');
        result = await fetchAll(true);
      }

      await timer.phase('store', async () => {
        const { diff, fetched, plan } = result;
        const references = diff.full ? {} : { ...state?.references };
        for (const id of [...diff.removed, ...fetched.vanished]) {
          store.delete(id);
          delete references[id];
        }
        for (const page of fetched.pages) {
          store.set({ id: page.id, data: page, digest: generateDigest(page) });
          references[page.id] = fetched.references.get(page.id) ?? { ids: [], urls: [] };
        }
        writeState(meta, {
          version: 1,
          fingerprint: fingerprintOf(plan.fingerprint),
          references,
          listedRows: listing.rows,
          fetching: { endpoint: session.config.endpoint, learned: session.controller.learned() },
        });
      });

      logger.info(
        formatReport({
          pages: store.keys().length,
          fetched: result.fetched.pages.length,
          dependents: result.diff.dependents,
          removed: result.diff.removed.length,
          skipped: listing.skipped,
          vanished: result.fetched.vanished.length,
          stats: session.client.stats,
          fetching: session.controller.summary(),
          phases: timer.phases,
        }),
      );
    },
  };
}

function isRejectedQuery(error: unknown): boolean {
  const cause = error instanceof PageSyncError ? error.cause : error;
  return cause instanceof CmsRequestError && cause.status === 400;
}
