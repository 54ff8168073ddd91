/**
 * Publish → rebuild end to end, locally: a page changed in the demo CMS → its signed webhook → the webhook
 * function → the build hook (a local receiver) → an incremental `astro build` → the change is in dist/.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublishPipeline, type PublishPipeline } from '../helpers/publish-pipeline.ts';

let root: string;
let pipeline: PublishPipeline;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'publish-rebuild-'));
  pipeline = await startPublishPipeline({
    content: 'demo',
    outDir: join(root, 'dist'),
    buildEnv: { SITE_URL: 'https://huts.example.org', ASTRO_CACHE_DIR: join(root, 'cache') },
    coalesceMs: 300,
  });
  const first = await pipeline.build();
  if (first.code !== 0) throw new Error(first.output.slice(-4000));
}, 600_000);

afterAll(async () => {
  await pipeline?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('publish → rebuild', () => {
  it('rebuilds once after a burst of publishes, and the changes are in dist/', async () => {
    const { cms } = pipeline;
    const articles = cms.store.livePages().filter((p) => p.type === 'ArticlePage').slice(0, 2);
    const [a, b] = articles;
    if (!a || !b) throw new Error('the demo has fewer than two articles');
    const rebuilt = pipeline.nextRebuild();
    cms.content.updatePage(a.id, { title: 'Footbridge reopened, officially' });
    cms.content.updatePage(b.id, { title: 'A second change in the same burst' });
    const rebuild = await rebuilt;

    expect(rebuild.result.code, rebuild.result.output.slice(-3000)).toBe(0);
    expect(rebuild.result.output).toMatch(/Triggered by Wagtail: 2 pages changed/);
    // Incremental: the two pages and the few that show them, not the whole site.
    const fetched = Number(/(\d+) fetched/.exec(rebuild.result.output)?.[1]);
    expect(fetched).toBeGreaterThanOrEqual(2);
    expect(fetched).toBeLessThan(10);
    const html = await readFile(join(root, 'dist', cms.store.url(a) as string, 'index.html'), 'utf8');
    expect(html).toContain('Footbridge reopened, officially');
    // Both deliveries were accepted; the function turned them into this one build.
    const deliveries = await cms.flushWebhooks();
    expect(deliveries.map((d) => d.state)).toEqual(['delivered', 'delivered']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(pipeline.rebuilds).toHaveLength(1);
  }, 300_000);
});
