/**
 * The Astro content loader for Wagtail pages: introspect → list → diff against the last sync → fetch what
 * changed (then the pages whose content embeds a page that moved or was retitled) → validate → store,
 * and prune the pages that are gone. A rebuild after one publish costs the listing and one batch.
 */
import type { DataStore, Loader } from 'astro/loaders';
import type { WagtailOptions } from './config.ts';
import { CmsRequestError, PageSyncError } from './errors.ts';
import { fetchPages, type FetchResult } from './fetch-pages.ts';
import { listPages, type ListedPage } from './list-pages.ts';
import { createPhaseTimer, createProgress, createWarnings, formatReport } from './progress.ts';
import { createSession, introspect } from './session.ts';
import { dependents, diffListing, readState, stored, writeState } from './sync-state.ts';

export function wagtailPagesLoader(options: WagtailOptions = {}): Loader {
  return {
    name: 'wagtail-pages',
    async load({ store, meta, logger, generateDigest }) {
      const warnings = createWarnings(logger);
      const session = createSession(options, (message) => logger.info(message));
      const timer = createPhaseTimer();
      logger.info(`Syncing pages from ${session.config.endpoint}`);

      let introspected = await timer.phase('introspection', () => introspect(session, meta));
      const listing = await timer.phase('listing', () => listPages(session, introspected.plan));
      for (const clash of listing.clashes) logger.warn(clash);
      if (introspected.cached && listing.pages.some((p) => !introspected.plan.pageTypes.has(p.__typename))) {
        logger.info('The CMS lists a page type the cached schema does not know: reading the schema again.');
        introspected = await timer.phase('introspection', () => introspect(session, meta, true));
      }

      const state = readState(meta);
      // Stored entries hold absolute media URLs of the CMS they came from: another endpoint refetches all.
      const fingerprintOf = (planFingerprint: string): string => `${planFingerprint}@${session.config.endpoint}`;
      const fetchAll = async (fresh: boolean) => {
        if (fresh) introspected = await timer.phase('introspection', () => introspect(session, meta, true));
        const { plan } = introspected;
        const diff = diffListing(listing.pages, store, state, fingerprintOf(plan.fingerprint));
        const run = async (pages: readonly ListedPage[]): Promise<FetchResult> => {
          const progress = createProgress(logger, pages.length);
          try {
            return await fetchPages(session, plan, pages, { onPages: progress.add, onWarning: warnings.add });
          } finally {
            warnings.flush();
            if (pages.length > 0) progress.finish();
          }
        };
        const changed = await timer.phase('details', () => run(diff.changed));
        const affected = affectedBy(store, changed, [...diff.removed, ...changed.vanished]);
        const fetching = new Set(diff.changed.map((p) => p.id));
        const refresh = diff.full ? [] : dependents(listing.pages, state, affected, fetching);
        const refreshed = await timer.phase('dependents', () => run(refresh));
        return { plan, diff, fetched: [changed, refreshed], dependents: refresh.length };
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
        const references = result.diff.full ? {} : { ...state?.references };
        for (const id of result.diff.removed) {
          store.delete(id);
          delete references[id];
        }
        for (const { pages, references: refs, vanished } of result.fetched) {
          for (const id of vanished) {
            store.delete(id);
            delete references[id];
          }
          for (const page of pages) {
            store.set({ id: page.id, data: page, digest: generateDigest(page) });
            references[page.id] = refs.get(page.id) ?? { ids: [], urls: [] };
          }
        }
        writeState(meta, { version: 1, fingerprint: fingerprintOf(result.plan.fingerprint), references });
      });

      const fetched = result.fetched.reduce((sum, r) => sum + r.pages.length, 0);
      logger.info(
        formatReport({
          pages: store.keys().length,
          fetched,
          dependents: result.dependents,
          removed: result.diff.removed.length,
          skipped: listing.skipped,
          vanished: result.fetched.reduce((sum, r) => sum + r.vanished.length, 0),
          stats: session.client.stats,
          phases: timer.phases,
        }),
      );
    },
  };
}

/** Ids and old urls of pages that moved, were retitled or disappeared: pages mentioning them are stale. */
function affectedBy(store: DataStore, changed: FetchResult, gone: readonly string[]) {
  const ids = new Set<string>();
  const urls = new Set<string>();
  for (const page of changed.pages) {
    const old = stored(store, page.id);
    if (old && (old.url !== page.url || old.title !== page.title)) {
      ids.add(page.id);
      urls.add(old.url);
    }
  }
  for (const id of gone) {
    const old = stored(store, id);
    ids.add(id);
    if (old) urls.add(old.url);
  }
  return { ids, urls };
}

function isRejectedQuery(error: unknown): boolean {
  const cause = error instanceof PageSyncError ? error.cause : error;
  return cause instanceof CmsRequestError && cause.status === 400;
}
