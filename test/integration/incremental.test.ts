/**
 * Incremental sync: a rebuild lists ids and lastPublishedAt, fetches only what changed, refreshes pages whose
 * own content embeds a page that moved or disappeared, and prunes the rest. Asserts requests and entries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startCms, type CmsHandle } from '../../cms/server.ts';
import { wagtailPagesLoader } from '../../src/wagtail/index.ts';
import type { Page } from '../../src/wagtail/schema.ts';
import { createLoaderContext, type TestContext } from '../helpers/loader-context.ts';

let cms: CmsHandle | undefined;
afterEach(async () => {
  await cms?.close();
  cms = undefined;
});

/** Runs one sync on a persistent context and returns its report line. */
async function sync(t: TestContext, options: Parameters<typeof wagtailPagesLoader>[0] = {}): Promise<string> {
  const before = t.logs.info.length;
  await wagtailPagesLoader({ endpoint: cms!.url, ...options }).load(t.context);
  return t.logs.info.slice(before).find((l) => l.startsWith('Synced')) ?? '';
}

const requests = (report: string, operation: string): number => Number(new RegExp(`${operation} (\\d+)`).exec(report)?.[1] ?? 0);
const pageAt = (t: TestContext, url: string): Page | undefined =>
  [...t.entries.values()].map((e) => e.data as unknown as Page).find((p) => p.url === url);

describe('incremental sync', () => {
  it('costs only the listing when nothing changed, and the listing plus one batch for one edit', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 1000, seed: 21 } } });
    const t = createLoaderContext();
    const cold = await sync(t);
    expect(cold).toMatch(/IntrospectionQuery 1/);
    const idle = await sync(t);
    expect(requests(idle, 'IntrospectionQuery')).toBe(0);
    expect(requests(idle, 'WagtailPages')).toBe(0);
    // The last sync's row count tells where the listing ends: its 11 chunks (1,001 rows), ten to a
    // request, and no speculative request past them.
    expect(requests(idle, 'WagtailPageList')).toBe(2);
    expect(idle).toContain('0 fetched');

    const target = cms.store.livePages().filter((p) => cms!.store.url(p)?.startsWith('/')).at(-5)!;
    cms.content.updatePage(target.id, { title: 'Retitled in the CMS' });
    const one = await sync(t);
    expect(requests(one, 'WagtailPages')).toBe(1);
    expect(requests(one, 'IntrospectionQuery')).toBe(0);
    expect(requests(one, 'WagtailPageList')).toBe(2);
    expect(one).toContain('1 fetched');
    expect((t.entries.get(String(target.id))?.data as unknown as Page).title).toBe('Retitled in the CMS');
    expect(t.entries.size).toBe(cms.store.livePages().filter((p) => cms!.store.url(p)?.startsWith('/')).length);
  });

  it('still lists every page when the site grew past the last listing', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 299, seed: 5 } } });
    const t = createLoaderContext();
    await sync(t); // 300 rows with the Root: chunks 0-2 full, chunk 3 empty
    const parent = cms.store.livePages().find((p) => cms!.store.url(p) === '/')!;
    const leafType = cms.store.livePages().at(-1)!.type;
    for (let i = 0; i < 150; i++) cms.content.addPage({ parentId: parent.id, type: leafType, title: `Grown ${i}` });
    const report = await sync(t);
    expect(report).toContain('150 fetched');
    expect(t.entries.size).toBe(cms.store.livePages().filter((p) => cms!.store.url(p)?.startsWith('/')).length);
  });

  it('refetches a moved page, its subtree, and the pages whose rich text links to it', async () => {
    cms = await startCms({ port: 0 });
    const t = createLoaderContext();
    await sync(t);
    const linking = [...t.entries.values()]
      .map((e) => e.data as unknown as Page)
      .filter((p) => JSON.stringify(p.fields).includes('href=\\"/routes/day-walks/tarn-circuit/\\"'));
    expect(linking.length).toBeGreaterThan(0);

    const moved = pageAt(t, '/routes/day-walks/tarn-circuit/')!;
    cms.content.updatePage(Number(moved.id), { slug: 'tarn-circuit-loop' });
    const report = await sync(t);
    expect(pageAt(t, '/routes/day-walks/tarn-circuit-loop/')?.id).toBe(moved.id);
    expect(pageAt(t, '/routes/day-walks/tarn-circuit/')).toBeUndefined();
    for (const page of linking) {
      const html = JSON.stringify(t.entries.get(page.id)?.data);
      expect(html, `${page.url} still links to the old url`).not.toContain('/routes/day-walks/tarn-circuit/');
      expect(html).toContain('/routes/day-walks/tarn-circuit-loop/');
    }
    expect(report).toMatch(new RegExp(`\\(${linking.length} because a page they show moved or changed\\)`));
    // The move was visible in the listing, so the moved page and its dependents shared one batch.
    expect(requests(report, 'WagtailPages')).toBe(1);
  });

  it('prunes deleted and unpublished pages and refreshes pages that linked to them', async () => {
    cms = await startCms({ port: 0 });
    const t = createLoaderContext();
    await sync(t);
    const gone = pageAt(t, '/routes/day-walks/tarn-circuit/')!;
    cms.content.deletePage(Number(gone.id));
    const report = await sync(t);
    expect(t.entries.has(gone.id)).toBe(false);
    expect(report).toMatch(/[1-9]\d* removed/);
    expect(JSON.stringify([...t.entries.values()])).not.toContain('href=\\"/routes/day-walks/tarn-circuit/\\"');
  });

  it('refetches everything when the queries change (here: another image source width)', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 120, seed: 2 } } });
    const t = createLoaderContext();
    await sync(t);
    const report = await sync(t, { imageSourceWidth: 1200 });
    expect(report).toMatch(new RegExp(`${t.entries.size} fetched`));
  });

  it('refetches everything from another endpoint, since stored media URLs name the CMS origin', async () => {
    // Three chunks: the first alone (the reference, see the end), then the rest in one request.
    cms = await startCms({ port: 0, content: { synthetic: { pages: 250, seed: 2 } } });
    const t = createLoaderContext();
    await sync(t);
    const first = cms;
    // Three chunks: the first alone (the reference, see the end), then the rest in one request.
    cms = await startCms({ port: 0, content: { synthetic: { pages: 250, seed: 2 } } });
    await first.close();
    const report = await sync(t);
    expect(report).toMatch(new RegExp(`${t.entries.size} fetched`));
    expect(JSON.stringify([...t.entries.values()])).not.toContain(new URL(first.url).origin);
  });

  it("starts a rebuild's requests at the knee the last sync found, but not another CMS's", async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 1000, seed: 8 } } });
    const t = createLoaderContext();
    const cold = await sync(t);
    expect(cold).toMatch(/concurrency auto, settled at \d+/);
    expect(cold).not.toContain("last build's knee");
    const rebuild = await sync(t);
    expect(rebuild).toContain("started at the last build's knee");

    const first = cms;
    // Three chunks: the first alone (the reference, see the end), then the rest in one request.
    cms = await startCms({ port: 0, content: { synthetic: { pages: 250, seed: 2 } } });
    await first.close();
    expect(await sync(t)).not.toContain("last build's knee");

    // A remembered knee the controller could not use (written by another version) is ignored, not obeyed.
    const state = JSON.parse(t.context.meta.get('sync-state')!) as { fetching: { learned: { listing: unknown } } };
    state.fetching.learned.listing = { limit: 'many', latency: -1 };
    t.context.meta.set('sync-state', JSON.stringify(state));
    const report = await sync(t);
    expect(report).toContain('0 fetched');
    expect(report).not.toContain("last build's knee");

    // A listing knee without a reference is from before listing requests asked for ten chunks: it counts
    // requests of one chunk, so it is ignored too, and the listing measures a reference again.
    type Learned = { fetching: { learned: Record<string, unknown> } };
    const old = JSON.parse(t.context.meta.get('sync-state')!) as Learned;
    old.fetching.learned = { listing: { limit: 30, latency: 20 } };
    t.context.meta.set('sync-state', JSON.stringify(old));
    expect(await sync(t)).not.toContain("last build's knee");
    expect((JSON.parse(t.context.meta.get('sync-state')!) as Learned).fetching.learned['reference']).toBeGreaterThan(0);
  });

  it('reads the schema again when the listing shows a page type the cached schema does not know', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 60, seed: 3 } } });
    const t = createLoaderContext();
    await sync(t);
    // Simulate a schema cached from an older deploy: one that knows no page types at all.
    const cached = JSON.parse(t.context.meta.get('introspection')!) as { data: { __schema: { types: Array<{ name: string; interfaces?: Array<{ name: string }> | null }> } } };
    for (const type of cached.data.__schema.types) {
      if (type.interfaces?.some((i) => i.name === 'PageInterface')) type.interfaces = [];
    }
    t.context.meta.set('introspection', JSON.stringify(cached));
    const report = await sync(t);
    expect(requests(report, 'IntrospectionQuery')).toBe(1);
    expect(t.logs.info.some((l) => l.includes('reading the schema again'))).toBe(true);
  });

  it('reads the schema again when the CMS rejects a query built from the cached one (a field removed)', async () => {
    cms = await startCms({ port: 0, content: { synthetic: { pages: 60, seed: 3 } } });
    const t = createLoaderContext();
    await sync(t);
    // Simulate a schema cached before a deploy removed a field: every page type still "has" it.
    type IntrospectedType = { name: string; interfaces?: Array<{ name: string }> | null; fields?: Array<Record<string, unknown>> | null };
    const cached = JSON.parse(t.context.meta.get('introspection')!) as { data: { __schema: { types: IntrospectedType[] } } };
    for (const type of cached.data.__schema.types) {
      if (!type.interfaces?.some((i) => i.name === 'PageInterface') || !type.fields) continue;
      type.fields.push({ name: 'removedInDeploy', args: [], type: { kind: 'SCALAR', name: 'String', ofType: null }, isDeprecated: false, deprecationReason: null });
    }
    t.context.meta.set('introspection', JSON.stringify(cached));
    cms.content.updatePage(cms.store.livePages().at(-1)!.id, { title: 'Edited after the deploy' });
    const report = await sync(t);
    expect(t.logs.info.some((l) => l.includes('rejected a query built from the cached schema'))).toBe(true);
    expect(requests(report, 'IntrospectionQuery')).toBe(1);
    expect(JSON.stringify([...t.entries.values()])).not.toContain('removedInDeploy');
  });
});
