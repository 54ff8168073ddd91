/**
 * Incremental sync: what the loader remembers between builds (in its `meta`) and how it decides what to
 * fetch. A listed page is refetched when its `lastPublishedAt`, `url` or type differs from the stored entry,
 * or when the queries changed (a new schema or setting): the listing is the cursor, the store the digest.
 *
 * Pages that merely show other pages (a parent listing its children, menus, breadcrumbs) need no refetch:
 * templates derive those from the store at render time. Pages whose OWN content embeds another page — a
 * page-chooser field's title and url, a rich-text link whose href grapple expanded — hold a copy, so they
 * are refetched when that page moves, is retitled, or disappears.
 */
import type { DataStore, MetaStore } from 'astro/loaders';
import { z } from 'astro/zod';
import type { Remembered } from './session.ts';
import type { ListedPage } from './list-pages.ts';
import type { References } from './normalize.ts';

const STATE_KEY = 'sync-state';
const VERSION = 1;

export interface SyncState {
  version: typeof VERSION;
  /** The query plan's fingerprint the stored entries were fetched with. */
  fingerprint: string;
  /** By page id: the pages and internal urls its content mentions. */
  references: Record<string, References>;
  /** Rows the last listing returned, so the next one asks for exactly as many chunks. */
  listedRows?: number;
  /** The CMS's knees as the last sync found them, so the next starts there instead of at one request. */
  fetching?: Remembered;
}

const kneeSchema = z.object({
  limit: z.number().int().min(1),
  latency: z.number().positive(),
  bad: z.number().int().min(2).optional(),
  unpaid: z.number().int().min(2).optional(),
});
const rememberedSchema: z.ZodType<Remembered> = z.object({
  endpoint: z.string(),
  learned: z.object({
    listing: kneeSchema.optional(),
    details: kneeSchema.optional(),
    pageBytes: z.number().positive().optional(),
    workers: z.number().int().min(1).optional(),
    reference: z.number().positive().optional(),
  })
    // A listing knee without a reference is from before listing requests asked for several chunks: it
    // counts requests of one chunk, and would send ten times the work at once.
    .refine((learned) => !learned.listing || learned.reference !== undefined),
});

export function readState(meta: MetaStore): SyncState | null {
  const raw = meta.get(STATE_KEY);
  if (!raw) return null;
  try {
    const state = JSON.parse(raw) as SyncState;
    if (state.version !== VERSION) return null;
    // Only a hint: one the controller could not use (a cache from another version) is left out, not obeyed.
    return { ...state, fetching: rememberedSchema.safeParse(state.fetching).data };
  } catch {
    return null;
  }
}

export function writeState(meta: MetaStore, state: SyncState): void {
  meta.set(STATE_KEY, JSON.stringify(state));
}

/** The fields of a stored entry the diff compares. */
interface StoredSummary {
  url: string;
  title: string;
  typename: string;
  lastPublishedAt: string | null;
}

function stored(store: DataStore, id: string): StoredSummary | undefined {
  const data = store.get(id)?.data;
  if (!data) return undefined;
  const text = (key: string): string => (typeof data[key] === 'string' ? data[key] : '');
  return { url: text('url'), title: text('title'), typename: text('typename'), lastPublishedAt: text('lastPublishedAt') || null };
}

export interface ListingDiff {
  /** Listed pages to fetch: the changed ones and the pages whose own content shows one of them. */
  changed: ListedPage[];
  /** How many of `changed` are there only because they show a page that moved, was retitled or is gone. */
  dependents: number;
  /** Stored page ids no longer listed (deleted, unpublished, or moved out of the site). */
  removed: string[];
  /** True when nothing stored could be reused (first sync, or the queries changed). */
  full: boolean;
}

export function diffListing(listed: readonly ListedPage[], store: DataStore, state: SyncState | null, fingerprint: string): ListingDiff {
  const live = new Set(listed.map((p) => p.id));
  const removed = store.keys().filter((id) => !live.has(id));
  if (!state || state.fingerprint !== fingerprint) return { changed: [...listed], dependents: 0, removed, full: true };

  // Pages whose url or title changed, or that are gone: every page embedding them holds a stale copy.
  const affectedIds = new Set<string>();
  const affectedUrls = new Set<string>();
  const changed = listed.filter((page) => {
    const old = stored(store, page.id);
    if (!old || !state.references[page.id]) return true;
    if (old.url !== page.url || old.title !== page.title) {
      affectedIds.add(page.id);
      affectedUrls.add(old.url);
      return true;
    }
    return old.lastPublishedAt !== page.lastPublishedAt || old.typename !== page.__typename;
  });
  for (const id of removed) {
    affectedIds.add(id);
    const old = stored(store, id);
    if (old) affectedUrls.add(old.url);
  }

  const fetching = new Set(changed.map((p) => p.id));
  const dependents = listed.filter((page) => {
    if (fetching.has(page.id)) return false;
    const refs = state.references[page.id];
    return !!refs && (refs.ids.some((id) => affectedIds.has(id)) || refs.urls.some((url) => affectedUrls.has(url)));
  });
  return { changed: [...changed, ...dependents], dependents: dependents.length, removed, full: false };
}
