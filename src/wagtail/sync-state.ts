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
}

export function readState(meta: MetaStore): SyncState | null {
  const raw = meta.get(STATE_KEY);
  if (!raw) return null;
  try {
    const state = JSON.parse(raw) as SyncState;
    return state.version === VERSION ? state : null;
  } catch {
    return null;
  }
}

export function writeState(meta: MetaStore, state: SyncState): void {
  meta.set(STATE_KEY, JSON.stringify(state));
}

/** The fields of a stored entry the diff compares. */
export interface StoredSummary {
  url: string;
  title: string;
  typename: string;
  lastPublishedAt: string | null;
}

export function stored(store: DataStore, id: string): StoredSummary | undefined {
  const data = store.get(id)?.data;
  if (!data) return undefined;
  const text = (key: string): string => (typeof data[key] === 'string' ? data[key] : '');
  return { url: text('url'), title: text('title'), typename: text('typename'), lastPublishedAt: text('lastPublishedAt') || null };
}

export interface ListingDiff {
  /** Listed pages to fetch. */
  changed: ListedPage[];
  /** Stored page ids no longer listed (deleted, unpublished, or moved out of the site). */
  removed: string[];
  /** True when nothing stored could be reused (first sync, or the queries changed). */
  full: boolean;
}

export function diffListing(listed: readonly ListedPage[], store: DataStore, state: SyncState | null, fingerprint: string): ListingDiff {
  const full = state?.fingerprint !== fingerprint;
  const changed = listed.filter((page) => {
    if (full || !state.references[page.id]) return true;
    const old = stored(store, page.id);
    return !old || old.lastPublishedAt !== page.lastPublishedAt || old.url !== page.url || old.typename !== page.__typename;
  });
  const live = new Set(listed.map((p) => p.id));
  const removed = store.keys().filter((id) => !live.has(id));
  return { changed, removed, full };
}

/** Pages (not already being fetched) whose content mentions one of the affected ids or urls. */
export function dependents(
  listed: readonly ListedPage[],
  state: SyncState | null,
  affected: { ids: ReadonlySet<string>; urls: ReadonlySet<string> },
  fetching: ReadonlySet<string>,
): ListedPage[] {
  if (!state || (affected.ids.size === 0 && affected.urls.size === 0)) return [];
  return listed.filter((page) => {
    if (fetching.has(page.id)) return false;
    const refs = state.references[page.id];
    return !!refs && (refs.ids.some((id) => affected.ids.has(id)) || refs.urls.some((url) => affected.urls.has(url)));
  });
}
