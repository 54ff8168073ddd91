/**
 * Lists every live page (id, url, type, lastPublishedAt). grapple has no total count, so chunks of 100
 * (its largest page) are requested speculatively until a short one comes back (grapple README item 1),
 * LIST_CHUNKS to a request as aliases and as many requests at a time as the fetch controller allows.
 * `order: "id"` keeps offsets stable while pages are being published.
 */
import { z } from 'astro/zod';
import { LIST_CHUNKS } from './concurrency.ts';
import { listAlias, listQuery } from './query-builder.ts';
import { requestValid, type Session } from './session.ts';

/** grapple caps `limit` at 100. */
export const LIST_PAGE_SIZE = 100;

const listedSchema = z.object({
  __typename: z.string(),
  id: z.union([z.string(), z.number()]).transform(String),
  url: z.string().nullable(),
  // Listed so a rebuild knows up front which pages were retitled (pages showing them need a refetch too).
  title: z.string(),
  contentType: z.string(),
  lastPublishedAt: z.string().nullable(),
});
/** A listing response: each chunk asked for, under its alias. */
const listResponseSchema = (offsets: readonly number[]) =>
  z.object(Object.fromEntries(offsets.map((offset) => [listAlias(offset), z.array(listedSchema)])));

export type ListedPage = z.output<typeof listedSchema> & { url: string };

export interface Listing {
  pages: ListedPage[];
  /** Pages that cannot be routed: the tree Root (url null) and pages of other sites (absolute urls). */
  skipped: number;
  /** Warnings for pages left out because another page has their url. */
  clashes: string[];
  /** Rows the CMS listed, routable or not: the next sync's estimate of where the listing ends. */
  rows: number;
  requests: number;
}

/**
 * `expectedRows` (what the last sync listed) says where the short page should be: a rebuild asks for exactly
 * those chunks at once and speculates past them only if the last comes back full (the site grew).
 * `schemaRead` is the introspection under way, if any: the first chunk goes beside it (the listing needs
 * no schema), the rest once it is done, so that the controller measures requests the CMS serves alone.
 * If it fails, the listing fails with its error, whatever the first chunk got: a CMS that does not answer
 * introspection is not grapple, and that is the message to give.
 * `onEnd` is told the pages listed so far, in order, once a short chunk shows where the site ends: the
 * requests still out are the listing's last, and a slot they leave free can take other work.
 */
export async function listPages(
  session: Session,
  expectedRows?: number,
  schemaRead: Promise<unknown> = Promise.resolve(),
  onEnd?: (listed: ListedPage[]) => void,
): Promise<Listing> {
  const chunks = new Map<number, ListedPage[]>();
  const rowsIn = new Map<number, number>();
  let skipped = 0;
  let requests = 0;
  let next = 0;
  let shortIndex = Number.POSITIVE_INFINITY;
  let horizon = expectedRows === undefined ? Number.POSITIVE_INFINITY : Math.floor(expectedRows / LIST_PAGE_SIZE);

  /** Lists `count` chunks from chunk `first` in one request. */
  const fetchChunks = async (first: number, count: number, learn = true): Promise<void> => {
    let offsets: number[] = [];
    // What the controller learns from: the chunks that came back full. One past the end of the site comes
    // back short or empty, and cheaper for it: a request of such chunks would read as a quieter CMS. The
    // first chunk, asked for alone, is the reference, the cheapest request there is, short or not.
    let full = 0;
    // Workers wait for a slot after taking their chunks: by then a short chunk may have ended the listing.
    const response = await session.controller.run(
      async () => {
        const last = Math.min(first + count - 1, shortIndex, horizon);
        offsets = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => (first + i) * LIST_PAGE_SIZE);
        if (offsets.length === 0) return null;
        requests++;
        const what = offsets.length === 1 ? `page listing at offset ${offsets[0]}` : `page listing at offsets ${offsets[0]}–${offsets.at(-1)}`;
        const listed = await requestValid(session, 'WagtailPageList', listQuery(offsets, LIST_PAGE_SIZE, session.config.siteHostname), listResponseSchema(offsets), what);
        full = offsets.filter((offset) => listed[listAlias(offset)]?.length === LIST_PAGE_SIZE).length;
        return listed;
      },
      () => (!learn ? 0 : offsets.length === 1 ? 1 : full),
    );
    if (!response) return;
    offsets.forEach((offset, i) => {
      const pages = response[listAlias(offset)] ?? [];
      const index = first + i;
      const routable: ListedPage[] = [];
      for (const page of pages) {
        if (page.url?.startsWith('/')) routable.push({ ...page, url: page.url });
        else skipped++;
      }
      chunks.set(index, routable);
      rowsIn.set(index, pages.length);
      if (pages.length < LIST_PAGE_SIZE) shortIndex = Math.min(shortIndex, index);
    });
    if (onEnd && shortIndex !== Number.POSITIVE_INFINITY) {
      onEnd([...chunks.entries()].sort(([a], [b]) => a - b).flatMap(([, listed]) => listed));
      onEnd = undefined;
    }
  };
  const worker = async (): Promise<void> => {
    while (next <= shortIndex && next <= horizon) {
      const first = next;
      next += LIST_CHUNKS;
      await fetchChunks(first, LIST_CHUNKS);
    }
  };
  // As many workers as the controller could ever allow; its slots decide how many run at once.
  const workers = () => Promise.all(Array.from({ length: session.controller.ceiling }, worker));
  // Without an estimate, the first chunk alone tells a small site (one short chunk) from a large one. It is
  // also the reference the controller wants (the cheapest request there is, whose latency it measures the
  // others' work against), taken from this request rather than from a second one alone, which cost a round
  // trip (four workers 100 ms away: 0.13 s of a 5 s first sync, 2–3%). A CMS that serves a site is warm.
  // One whose first request is slow (a process just started pays for code and caches warming up: the demo
  // CMS's took 70–200 ms more; a one-worker CMS may serve the introspection first) reads as one whose
  // requests cost its workers less than they do: the controller counts fewer workers and grows more
  // slowly, within the same bounds.
  const wantsFirst = expectedRows === undefined || session.controller.wantsReference;
  const [first, schema] = await Promise.allSettled([wantsFirst ? fetchChunks(next++, 1, session.controller.wantsReference) : undefined, schemaRead]);
  if (schema.status === 'rejected') throw schema.reason;
  if (first.status === 'rejected') throw first.reason;
  await workers();
  if (shortIndex === Number.POSITIVE_INFINITY) {
    // Every expected chunk came back full: the site grew, so go on speculatively from the horizon.
    next = horizon + 1;
    horizon = Number.POSITIVE_INFINITY;
    await workers();
  }

  // A page published between two listing requests can shift into an earlier chunk: keep the first sighting.
  // Two pages on one url (a multi-site tree seen without CMS_SITE_HOSTNAME) cannot both be routed.
  const seen = new Set<string>();
  const urls = new Map<string, string>();
  const clashes: string[] = [];
  const pages: ListedPage[] = [];
  for (let index = 0; index <= shortIndex; index++) {
    for (const page of chunks.get(index) ?? []) {
      if (seen.has(page.id)) continue;
      seen.add(page.id);
      const owner = urls.get(page.url);
      if (owner) {
        clashes.push(`pages ${owner} and ${page.id} share the url ${page.url}; page ${page.id} is left out`);
        continue;
      }
      urls.set(page.url, page.id);
      pages.push(page);
    }
  }
  let rows = 0;
  for (let index = 0; index <= shortIndex; index++) rows += rowsIn.get(index) ?? 0;
  return { pages, skipped, clashes, rows, requests };
}
