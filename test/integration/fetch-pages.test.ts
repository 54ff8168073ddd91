/**
 * Page details against the demo CMS: a first sync's first batch, asked for while the listing ends, is
 * reused by the details, which ask the CMS again only for what it did not bring.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCms, type CmsHandle } from '../../cms/server.ts';
import { FIRST_BATCH } from '../../src/wagtail/concurrency.ts';
import { fetchPages, prefetchFirstBatch, type Prefetched } from '../../src/wagtail/fetch-pages.ts';
import { wagtailPagesLoader } from '../../src/wagtail/index.ts';
import { listPages } from '../../src/wagtail/list-pages.ts';
import { createSession, introspect } from '../../src/wagtail/session.ts';
import { createLoaderContext } from '../helpers/loader-context.ts';

let cms: CmsHandle | undefined;
afterEach(async () => {
  await cms?.close();
  cms = undefined;
});

const hooks = { onPages: () => {}, onWarning: () => {} };

/** A first sync up to its details: the schema, the listing, and the first batch asked for beside it. */
async function listed(pages: number) {
  cms = await startCms({ port: 0, content: { synthetic: { pages, seed: 5 } } });
  const session = createSession({ endpoint: cms.url });
  const { plan } = await introspect(session);
  const listing = await listPages(session);
  expect(session.controller.wantsPageSize).toBe(true);
  const prefetched = (await prefetchFirstBatch(session, plan, listing.pages)) as Prefetched;
  expect(prefetched.batch).toHaveLength(FIRST_BATCH);
  expect(session.controller.wantsPageSize).toBe(false);
  return { session, plan, pages: listing.pages, prefetched, lookups: cms.stats().pageLookups };
}

const ids = (pages: ReadonlyArray<{ id: string }>) => pages.map((p) => p.id).sort();

describe('page details', () => {
  it('reuses a first batch asked for during the listing instead of asking for its pages again', async () => {
    const { session, plan, pages, prefetched, lookups } = await listed(300);
    const result = await fetchPages(session, plan, pages, hooks, prefetched);
    expect(ids(result.pages)).toEqual(ids(pages));
    expect(cms!.stats().pageLookups - lookups).toBe(pages.length - FIRST_BATCH);
  });

  it('asks again for a prefetched page whose answer carried an error, and for all of them on another plan', async () => {
    const { session, plan, pages, prefetched, lookups } = await listed(300);
    const failing = { ...prefetched, answer: { ...prefetched.answer, errors: [{ message: 'database gone', path: ['p3', 'title'] }] } };
    const result = await fetchPages(session, plan, pages, hooks, failing);
    expect(ids(result.pages)).toEqual(ids(pages));
    expect(cms!.stats().pageLookups - lookups).toBe(pages.length - FIRST_BATCH + 1);

    // The schema read again (a cached one the CMS rejected): the prefetched answer is to other queries.
    const { plan: again } = await introspect(session);
    const before = cms!.stats().pageLookups;
    await fetchPages(session, again, pages, hooks, prefetched);
    expect(cms!.stats().pageLookups - before).toBe(pages.length);
  });

  it("leaves a prefetch's failure to the details, which name the page", async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 50, seed: 5 } } });
    const session = createSession({ endpoint: cms.url, retries: 0 });
    const { plan } = await introspect(session);
    const listing = await listPages(session);
    await cms.close();
    expect(await prefetchFirstBatch(session, plan, listing.pages)).toBeUndefined();
    await expect(fetchPages(session, plan, listing.pages, hooks)).rejects.toThrow(/page \d+/);
  });

  it("sends a first sync's first batch while the listing's last requests are out, and asks for every page once", async () => {
    // 50 ms round trips and 2 ms a page: the request of chunks 1–10 takes 250 ms, while the one that finds
    // the end of the site (chunks 11–12, the last of one row) is back in about 90.
    cms = await startCms({ port: 0, content: { synthetic: { pages: 1200, seed: 5 } }, latency: { rtt: 50, pageTime: 2 } });
    const requests: Array<{ operation: string; sent: number; answered: number }> = [];
    const fetchBefore = globalThis.fetch;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const operation = /query (\w+)/.exec(String(init?.body))?.[1] ?? '';
      const sent = performance.now();
      const response = await fetchBefore(input, init);
      await response.clone().arrayBuffer();
      requests.push({ operation, sent, answered: performance.now() });
      return response;
    });
    const { context, entries } = createLoaderContext();
    try {
      await wagtailPagesLoader({ endpoint: cms.url }).load(context);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(cms.stats().pageLookups).toBe(entries.size);
    const listingDone = Math.max(...requests.filter((r) => r.operation === 'WagtailPageList').map((r) => r.answered));
    const firstBatch = Math.min(...requests.filter((r) => r.operation === 'WagtailPages').map((r) => r.sent));
    expect(firstBatch).toBeLessThan(listingDone);
  });
});
