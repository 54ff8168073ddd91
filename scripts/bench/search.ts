/**
 * The search numbers of the engine the function ships (src/search/, bundled as the function bundles it),
 * for the runtime benchmark: index size, cold load in a fresh process and query latency at a page count.
 *
 *   node scripts/bench/search.ts [--docs 1000,10000] [--corpus synthetic|wide] [--runs 5]
 */
import { parseArgs } from 'node:util';
import type { SearchRecord } from '../../src/search/records.ts';
import { benchRecords, measureEngine, type CorpusName } from './search-engines.ts';

export interface SearchBench {
  docs: number;
  indexBytes: number;
  gzipBytes: number;
  /** Median over `runs` fresh processes: import the engine, read the index file, load it. */
  coldLoadMs: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * `input`: records to index, or a page count for the demo CMS's synthetic site (synced through the real
 * loader; `corpus: 'wide'` redraws its text from a 60k-word vocabulary, the worst case).
 */
export async function benchSearch(input: number | SearchRecord[], options: { corpus?: CorpusName; runs?: number } = {}): Promise<SearchBench> {
  const corpus = options.corpus ?? 'synthetic';
  const records = typeof input === 'number' ? await benchRecords(input, corpus) : input;
  const m = await measureEngine('project', records, corpus, options.runs ?? 5);
  return { docs: m.docs, indexBytes: m.indexBytes, gzipBytes: m.gzipBytes, coldLoadMs: m.coldLoadMs, p50Ms: m.p50Ms, p95Ms: m.p95Ms };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { docs: { type: 'string', default: '1000,10000' }, corpus: { type: 'string', default: 'synthetic' }, runs: { type: 'string', default: '5' } },
  });
  for (const docs of values.docs.split(',').map(Number)) {
    const result = await benchSearch(docs, { corpus: values.corpus as CorpusName, runs: Number(values.runs) });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}
