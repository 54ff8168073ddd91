/**
 * Measures the sync (list + details) against the synthetic demo CMS for a grid of concurrency × batch size,
 * to choose the defaults from data rather than folklore.
 *
 *   npm run sweep -- --pages 1000 --rtt 30 --page-time 5 --request-time 20 --workers 1
 */
import { parseArgs } from 'node:util';
import { startCms } from '../cms/server.ts';
import { wagtailPagesLoader } from '../src/wagtail/index.ts';
import { createLoaderContext } from '../test/helpers/loader-context.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '1000' },
    rtt: { type: 'string', default: '30' },
    'page-time': { type: 'string', default: '5' },
    'request-time': { type: 'string', default: '0' },
    workers: { type: 'string', default: '4' },
    concurrency: { type: 'string', default: '1,2,4,8,16' },
    batch: { type: 'string', default: '1,5,10,20,50' },
  },
});
const list = (s: string): number[] => s.split(',').map(Number);
const latency = {
  rtt: Number(values.rtt),
  pageTime: Number(values['page-time']),
  requestTime: Number(values['request-time']),
  workers: Number(values.workers),
};
const cms = await startCms({ port: 0, content: { synthetic: { pages: Number(values.pages), seed: 1 } }, latency });
console.log(`Sync of ${values.pages} pages; CMS: rtt ${latency.rtt} ms, ${latency.pageTime} ms/page, ${latency.requestTime} ms/request, ${latency.workers} workers`);
const batches = list(values.batch);
console.log(['concurrency \\ batch', ...batches.map(String)].join('\t'));
for (const concurrency of list(values.concurrency)) {
  const row: string[] = [String(concurrency)];
  for (const batchSize of batches) {
    const { context } = createLoaderContext();
    const started = performance.now();
    await wagtailPagesLoader({ endpoint: cms.url, concurrency, batchSize }).load(context);
    row.push(((performance.now() - started) / 1000).toFixed(2));
  }
  console.log(row.join('\t'));
}
await cms.close();
