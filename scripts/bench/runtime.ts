/**
 * `npm run bench:runtime`: what the functions cost at run time. Search: index size, cold load (a fresh
 * process importing the engine and loading the index) and query latency at 1k and 10k documents of the
 * demo CMS's synthetic site, synced through the real loader. Comments: POST latency under concurrent clients.
 * Prints Markdown tables with PASS/FAIL against the targets.
 *
 *   npm run bench:runtime -- [--docs 1000,10000] [--runs 5] [--clients 100] [--posts 2000]
 */
import { parseArgs } from 'node:util';
import { benchComments } from './comments.ts';
import { benchSearch } from './search.ts';

const TARGETS = { coldLoadMs: 150, p95Ms: 5 };

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '5' },
    clients: { type: 'string', default: '100' },
    posts: { type: 'string', default: '2000' },
  },
});

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 1);
const mb = (n: number) => (n / 1024 / 1024).toFixed(2);
const lines = [
  '### Search (`functions/search.ts`)',
  '',
  '| corpus | docs | index MB | gzip MB | cold load ms | p50 ms | p95 ms | targets (10k: load ≤ 150 ms, p95 ≤ 5 ms) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
];
for (const corpus of ['synthetic', 'wide'] as const) {
  for (const docs of values.docs.split(',').map(Number)) {
    process.stderr.write(`search: ${docs} documents, ${corpus} corpus…\n`);
    const r = await benchSearch(docs, { corpus, runs: Number(values.runs) });
    const verdict = docs >= 10_000 ? (r.coldLoadMs <= TARGETS.coldLoadMs && r.p95Ms <= TARGETS.p95Ms ? 'PASS' : 'FAIL') : '';
    lines.push(`| ${corpus} | ${docs} | ${mb(r.indexBytes)} | ${mb(r.gzipBytes)} | ${ms(r.coldLoadMs)} | ${ms(r.p50Ms)} | ${ms(r.p95Ms)} | ${verdict} |`);
  }
}
process.stderr.write(`comments: ${values.posts} posts from ${values.clients} clients…\n`);
const c = await benchComments(Number(values.clients), Number(values.posts));
lines.push(
  '',
  '### Comments (`POST /api/comments`, one function instance, local Blobs server)',
  '',
  '| clients | posts | p50 ms | p99 ms | posts/s | failures |',
  '| ---: | ---: | ---: | ---: | ---: | ---: |',
  `| ${c.clients} | ${c.posts} | ${ms(c.p50Ms)} | ${ms(c.p99Ms)} | ${c.postsPerSecond.toFixed(0)} | ${c.failures} |`,
);
process.stdout.write(`${lines.join('\n')}\n`);
