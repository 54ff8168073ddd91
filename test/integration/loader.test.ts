/**
 * The pages loader against the demo CMS in synthetic mode: through injected faults, against a CMS that is
 * down, and with a page that stays broken. Asserts what a user sees: the entries stored and the messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCms, type CmsHandle } from '../../cms/server.ts';
import { wagtailPagesLoader } from '../../src/wagtail/index.ts';
import { CmsRequestError, PageSyncError } from '../../src/wagtail/errors.ts';
import { pageSchema } from '../../src/wagtail/schema.ts';
import { createLoaderContext } from '../helpers/loader-context.ts';

let cms: CmsHandle | undefined;
afterEach(async () => {
  await cms?.close();
  cms = undefined;
});

/** Fast retries: the policy itself is unit-tested, here only its outcome matters. */
const quick = { retries: 6, timeoutMs: 2000 } as const;

function livePageIds(handle: CmsHandle): string[] {
  return handle.store
    .livePages()
    .filter((p) => handle.store.url(p)?.startsWith('/'))
    .map((p) => String(p.id));
}

describe('pages loader against the demo CMS', () => {
  it('stores every live page of a synthetic site, validated, with listing and batched detail requests', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 450, seed: 7 } } });
    const { context, entries, logs } = createLoaderContext();
    await wagtailPagesLoader({ endpoint: cms.url, batchSize: 10, concurrency: 4 }).load(context);

    const expected = livePageIds(cms);
    expect([...entries.keys()].sort()).toEqual(expected.sort());
    for (const entry of entries.values()) expect(() => pageSchema.parse(entry.data)).not.toThrow();
    // Listing: 5 chunks of 100 (450 + the Root), the first alone and the rest in one request of ten, plus
    // at most concurrency - 1 speculative requests past the end.
    const report = logs.info.find((l) => l.startsWith('Synced')) ?? '';
    const listings = Number(/WagtailPageList (\d+)/.exec(report)?.[1]);
    expect(listings).toBeGreaterThanOrEqual(2);
    expect(listings).toBeLessThanOrEqual(2 + 3);
    expect(report).toContain(`WagtailPages ${Math.ceil(expected.length / 10)}`);
    expect(cms.stats().graphqlRejected).toBe(0);
  });

  it('succeeds through a 10% fault rate of every kind, by retrying', async () => {
    cms = await startCms({
      port: 0,
      content: { synthetic: { pages: 300, seed: 3 } },
      // Every kind forced once first (a timeout is held past the client's 2 s), then 10% at random.
      faults: { rate: 0.1, seed: 11, timeoutMs: 5000, next: ['500', '502', '429', 'timeout', 'truncate', 'graphql'] },
    });
    const { context, entries, logs } = createLoaderContext();
    await wagtailPagesLoader({ endpoint: cms.url, ...quick }).load(context);

    expect(entries.size).toBe(livePageIds(cms).length);
    const faults = cms.stats().faults;
    expect(faults.total).toBeGreaterThan(0);
    const retries = Number(/(\d+) retries/.exec(logs.info.find((l) => l.startsWith('Synced')) ?? '')?.[1]);
    // Every HTTP-level fault costs one retry; a `graphql` fault only bites a request that resolves a page.
    expect(retries).toBeGreaterThanOrEqual(faults.total - faults.graphql);
    expect(retries).toBeGreaterThan(0);
  }, 120_000);

  it('honours Retry-After on 429', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 20, seed: 1 } }, faults: { next: ['429'] } });
    const { context, entries } = createLoaderContext();
    const started = performance.now();
    await wagtailPagesLoader({ endpoint: cms.url, ...quick }).load(context);
    // The demo CMS sends `Retry-After: 1`; full-jitter backoff alone would wait at most 250 ms.
    expect(performance.now() - started).toBeGreaterThan(950);
    expect(entries.size).toBe(livePageIds(cms).length);
  });

  it('keeps a page whose image rendition fails (data beside errors), falling back to the original', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 120, seed: 9, imageShare: 1, images: 3, brokenImages: [2] } } });
    const { context, entries, logs } = createLoaderContext();
    await wagtailPagesLoader({ endpoint: cms.url }).load(context);
    expect(entries.size).toBe(livePageIds(cms).length);
    expect(cms.stats().graphqlPartial).toBeGreaterThan(0);
    expect(logs.warn.some((w) => /page \d+ \(\/.*\): .*using the original image/.test(w))).toBe(true);
    const sources = JSON.stringify([...entries.values()].map((e) => e.data));
    expect(sources).toContain('/media/original_images/synthetic-2.');
  });

  it('fails with one clear message when the CMS is down', async () => {
    cms = await startCms({ port: 0 });
    const endpoint = cms.url;
    await cms.close();
    cms = undefined;
    const { context } = createLoaderContext();
    const error = await wagtailPagesLoader({ endpoint, retries: 1, timeoutMs: 1000 })
      .load(context)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CmsRequestError);
    expect((error as Error).message).toMatch(new RegExp(`IntrospectionQuery to ${endpoint} failed \\(no HTTP response, 2 attempts\\)`));
    expect((error as Error).message).toMatch(/could not be reached/);
  });

  it('fails naming the page when one page stays broken after retries', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 80, seed: 5 } } });
    const victim = cms.store.livePages().find((p) => cms!.store.url(p)?.split('/').length === 5)!;
    cms.setFaults({ brokenPages: [victim.id] });
    const { context } = createLoaderContext();
    const error = await wagtailPagesLoader({ endpoint: cms.url, retries: 2 }).load(context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PageSyncError);
    const message = (error as Error).message;
    expect(message).toContain(`Wagtail page ${victim.id} (${cms.store.url(victim)})`);
    expect(message).toContain('operation WagtailPages');
    expect(message).toContain(cms.url);
    expect(message).toContain('after 3 attempts');
  });

  it('prunes pages deleted or unpublished since the last sync, and picks up changes', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 60, seed: 2 } } });
    const { context, entries } = createLoaderContext();
    const loader = wagtailPagesLoader({ endpoint: cms.url });
    await loader.load(context);
    const leaves = cms.store.livePages().filter((p) => cms!.store.numchild(p.id) === 0);
    const [gone, hidden, edited] = leaves.slice(-3);
    cms.content.deletePage(gone!.id);
    cms.content.unpublishPage(hidden!.id);
    cms.content.updatePage(edited!.id, { title: 'Edited between builds' });

    await loader.load(context);
    expect(entries.has(String(gone!.id))).toBe(false);
    expect(entries.has(String(hidden!.id))).toBe(false);
    expect(entries.get(String(edited!.id))?.data['title']).toBe('Edited between builds');
    expect(entries.size).toBe(livePageIds(cms).length);
  });
});
