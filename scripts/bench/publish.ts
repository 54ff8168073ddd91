/**
 * `npm run bench:publish`: time from an editor's publish to a finished rebuild, through the real chain
 * (test/helpers/publish-pipeline.ts): the demo CMS sends the signed webhook, the webhook function waits its
 * coalescing window and calls the build hook, a local receiver runs the incremental build. For the demo
 * site and a 1,000-page synthetic site (30 ms RTT, 5 ms per page, 4 workers), one page changed, after a
 * first build that fills the caches. Prints a Markdown table.
 *
 *   npm run bench:publish -- [--pages 1000] [--coalesce-ms 4000] [--runs 3]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPublishPipeline } from '../../test/helpers/publish-pipeline.ts';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '1000' }, 'coalesce-ms': { type: 'string', default: '4000' }, runs: { type: 'string', default: '3' } } });
const coalesceMs = Number(values['coalesce-ms']);
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const rows: string[] = [];
for (const site of [{ name: 'demo', content: 'demo' as const }, { name: `synthetic ${values.pages}`, content: { synthetic: { pages: Number(values.pages) } } }]) {
  const root = await mkdtemp(join(tmpdir(), 'bench-publish-'));
  const pipeline = await startPublishPipeline({
    content: site.content,
    latency: site.content === 'demo' ? undefined : { rtt: 30, pageTime: 5, workers: 4 },
    outDir: join(root, 'dist'),
    buildEnv: { ASTRO_CACHE_DIR: join(root, 'cache') },
    coalesceMs,
  });
  try {
    process.stderr.write(`${site.name}: first build…\n`);
    const first = await pipeline.build();
    if (first.code !== 0) throw new Error(first.output.slice(-3000));
    const toHook: number[] = [];
    const build: number[] = [];
    const total: number[] = [];
    const pages = pipeline.cms.store.livePages().filter((p) => pipeline.cms.store.url(p)?.startsWith('/') && p.depth > 2);
    for (let run = 0; run < runs; run++) {
      const page = pages[(run * 7) % pages.length];
      if (!page) throw new Error('no page to change');
      const rebuilt = pipeline.nextRebuild();
      const publishedAt = performance.now();
      pipeline.cms.content.updatePage(page.id, { title: `${page.title} (edited ${run + 1})` });
      const rebuild = await rebuilt;
      if (rebuild.result.code !== 0) throw new Error(rebuild.result.output.slice(-3000));
      toHook.push(rebuild.hookAt - publishedAt);
      build.push(rebuild.doneAt - rebuild.hookAt);
      total.push(rebuild.doneAt - publishedAt);
      process.stderr.write(`${site.name}: run ${run + 1}: ${(total.at(-1)! / 1000).toFixed(2)} s\n`);
    }
    rows.push(`| ${site.name} | ${(median(toHook) / 1000).toFixed(2)} | ${(median(build) / 1000).toFixed(2)} | ${(median(total) / 1000).toFixed(2)} |`);
  } finally {
    await pipeline.close();
    await rm(root, { recursive: true, force: true });
  }
}
process.stdout.write(
  [
    `Publish → rebuild, one page changed, median of ${runs} (coalescing window ${coalesceMs} ms):`,
    '',
    '| site | publish → build hook (s) | rebuild (s) | publish → rebuilt (s) |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n'),
);
