/**
 * One cold start of a search engine, in a fresh process as a function instance would have: import the
 * library, read the index file, parse and load it; then the query mix (latency per query) and the typo
 * probes (is the page in the top 5?). Prints one JSON line.
 *
 *   node scripts/bench/search-child.ts --engine minisearch|flexsearch|orama|fuse|project --index F --queries F [--module F]
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { LoadedIndex } from './search-candidates/types.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    index: { type: 'string' },
    queries: { type: 'string' },
    budget: { type: 'string' },
    /** The project's engine bundled as the function ships it (esbuild); else its TypeScript source. */
    module: { type: 'string' },
  },
});
if (!values.engine || !values.index || !values.queries) throw new Error('usage: search-child.ts --engine NAME --index FILE --queries FILE');
const engine = values.engine;
const indexFile = values.index;
/** Fuse scans every document per query: stop the timed passes after this long rather than run for minutes. */
const budgetMs = Number(values.budget ?? 20_000);

async function open(serialized: string): Promise<LoadedIndex> {
  if (engine === 'project') {
    // The project's own engine, exactly as the function runs it.
    const { loadIndex, search } = (await import(values.module ?? '../../src/search/engine.ts')) as typeof import('../../src/search/engine.ts');
    const index = loadIndex(serialized);
    return { query: (q, limit) => search(index, { q, perPage: limit }).results.map((r) => r.url) };
  }
  const { loadCandidate } = await import('./search-candidates/index.ts');
  const candidate = await loadCandidate(engine as Parameters<typeof loadCandidate>[0]);
  return candidate.load(serialized);
}

const started = performance.now();
const serialized = await readFile(indexFile, 'utf8');
const index = await open(serialized);
const coldLoadMs = performance.now() - started;
const heapMb = process.memoryUsage().heapUsed / 1e6;

const { queries, probes } = JSON.parse(await readFile(values.queries, 'utf8')) as {
  queries: { q: string; kind: string }[];
  probes: { q: string; id: string; url: string }[];
};

let t = performance.now();
await index.query(queries[0]?.q ?? 'a', 10);
const firstQueryMs = performance.now() - t;

// 20 untimed queries let the JIT settle, as it has on a warm instance; then timed passes over the mix
// (fewer when an engine is so slow that the budget runs out, but at least 30 queries).
for (const { q } of queries.slice(0, 20)) await index.query(q, 10);
const latencies: number[] = [];
const byKind: Record<string, number[]> = {};
const loopStart = performance.now();
timed: for (let pass = 0; pass < 3; pass++) {
  for (const { q, kind } of queries) {
    t = performance.now();
    await index.query(q, 10);
    const ms = performance.now() - t;
    latencies.push(ms);
    (byKind[kind] ??= []).push(ms);
    if (latencies.length >= 30 && performance.now() - loopStart > budgetMs) break timed;
  }
}

let found = 0;
let probed = 0;
const probeStart = performance.now();
for (const probe of probes) {
  const top = await index.query(probe.q, 5);
  // Candidates answer with ids, the project's engine with urls (what its results carry).
  if (top.includes(engine === 'project' ? probe.url : probe.id)) found++;
  if (++probed >= 20 && performance.now() - probeStart > budgetMs) break;
}

const pct = (list: number[], p: number) => {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
process.stdout.write(
  `${JSON.stringify({
    coldLoadMs,
    firstQueryMs,
    heapMb,
    queries: latencies.length,
    p50Ms: pct(latencies, 50),
    p95Ms: pct(latencies, 95),
    p95ByKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, pct(v, 95)])),
    typoTop5: probed ? found / probed : NaN,
  })}\n`,
);
