/**
 * Chooses the search library by measurement: each candidate indexes the same records at 1k and 10k pages
 * and is measured for index size (bytes and gzip), cold load in a fresh process (median of --runs), query
 * latency p50/p95 over a mixed query set, and whether a title word with a typo finds its page in the top 5.
 * `project` is the engine in src/search/ (the chosen library as the function runs it).
 *
 * Two corpora: `synthetic`, the demo CMS's synthetic pages through the real loader and `searchRecord`
 * (150 distinct words), and `wide`, the same records with a 60k-word vocabulary and every body at the cap
 * (see search-vocabulary.ts): the worst case, which the targets are judged on.
 *
 *   node scripts/bench/search-engines.ts [--docs 1000,10000] [--runs 5] [--engines a,b] [--corpus wide,synthetic]
 *                                        [--body-chars N] [--json FILE]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { serializeIndex } from '../../src/search/engine.ts';
import { BODY_MAX_CHARS, searchRecord, type SearchRecord } from '../../src/search/records.ts';
import { detectArticleTypes, listArticles } from '../../src/site/articles.ts';
import { runJsonChild } from './json-child.ts';
import { CANDIDATES, loadCandidate, type CandidateName } from './search-candidates/index.ts';
import { syntheticPages } from './search-corpus.ts';
import { queryMix, typoProbes, widenVocabulary } from './search-vocabulary.ts';
import { median } from './workloads.ts';

export type CorpusName = 'synthetic' | 'wide';
export type EngineName = CandidateName | 'project';

export interface SearchMeasurement {
  engine: EngineName;
  corpus: CorpusName;
  docs: number;
  indexBytes: number;
  gzipBytes: number;
  buildMs: number;
  coldLoadMs: number;
  firstQueryMs: number;
  heapMb: number;
  p50Ms: number;
  p95Ms: number;
  p95ByKind: Record<string, number>;
  typoTop5: number;
}

/** What the child process measures (everything but sizes and build time). */
type ChildResult = Omit<SearchMeasurement, 'engine' | 'corpus' | 'docs' | 'indexBytes' | 'gzipBytes' | 'buildMs'>;

const CHILD = join(import.meta.dirname, 'search-child.ts');
export const QUERY_COUNT = 200;
export const PROBE_COUNT = 100;

/** The records the build writes for a synthetic site of `docs` pages, dated as the site lists them. */
export async function benchRecords(docs: number, corpus: CorpusName, bodyChars = BODY_MAX_CHARS): Promise<SearchRecord[]> {
  const pages = await syntheticPages(docs);
  const dates = new Map(listArticles(pages, detectArticleTypes(pages, null)).map((a) => [a.page.id, a.date]));
  const records = pages.map((page) => searchRecord(page, dates.get(page.id)));
  return corpus === 'wide' ? widenVocabulary(records, { lexiconSize: 60_000, bodyChars }) : records;
}

/** Builds `engine`'s index of `records`, then cold-starts it `runs` times in fresh processes. */
export async function measureEngine(engine: EngineName, records: SearchRecord[], corpus: CorpusName, runs: number): Promise<SearchMeasurement> {
  const dir = await mkdtemp(join(tmpdir(), 'search-bench-'));
  try {
    const started = performance.now();
    const serialized = engine === 'project' ? serializeIndex(records) : await (await loadCandidate(engine)).build(records);
    const buildMs = performance.now() - started;
    const indexFile = join(dir, 'index.json');
    const queriesFile = join(dir, 'queries.json');
    const byId = new Map(records.map((r) => [r.id, r.url]));
    const probes = typoProbes(records, PROBE_COUNT).map((p) => ({ ...p, url: byId.get(p.id) }));
    await writeFile(indexFile, serialized);
    await writeFile(queriesFile, JSON.stringify({ queries: queryMix(records, QUERY_COUNT), probes }));
    const args = ['--engine', engine, '--index', indexFile, '--queries', queriesFile];
    if (engine === 'project') args.push('--module', await bundleEngine(dir));
    const results: ChildResult[] = [];
    for (let run = 0; run < runs; run++) results.push(await runJsonChild<ChildResult>(CHILD, args, {}, `${engine} cold start`));
    const med = (pick: (r: ChildResult) => number) => median(results.map(pick));
    const kinds = Object.keys(results[0]?.p95ByKind ?? {});
    return {
      engine,
      corpus,
      docs: records.length,
      indexBytes: Buffer.byteLength(serialized),
      gzipBytes: gzipSync(serialized).length,
      buildMs,
      coldLoadMs: med((r) => r.coldLoadMs),
      firstQueryMs: med((r) => r.firstQueryMs),
      heapMb: med((r) => r.heapMb),
      p50Ms: med((r) => r.p50Ms),
      p95Ms: med((r) => r.p95Ms),
      p95ByKind: Object.fromEntries(kinds.map((k) => [k, med((r) => r.p95ByKind[k] ?? NaN)])),
      typoTop5: results[0]?.typoTop5 ?? NaN,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** src/search/engine.ts bundled and minified as Netlify bundles a function (esbuild), so import costs what it will. */
async function bundleEngine(dir: string): Promise<string> {
  const outfile = join(dir, 'engine.mjs');
  await build({ entryPoints: [join(import.meta.dirname, '../../src/search/engine.ts')], bundle: true, minify: true, format: 'esm', platform: 'node', outfile, logLevel: 'warning' });
  return outfile;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 0) : '–');

export function formatTable(rows: readonly SearchMeasurement[]): string {
  const kinds = ['word', 'prefix', 'typo1', 'typo2', 'multi'];
  const head = ['engine', 'corpus', 'docs', 'index MB', 'gzip MB', 'build ms', 'cold load ms', 'first query ms', 'heap MB', 'p50 ms', 'p95 ms', ...kinds.map((k) => `p95 ${k}`), 'typo top-5'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (const r of rows) {
    const cells = [r.engine, r.corpus, String(r.docs), mb(r.indexBytes), mb(r.gzipBytes), ms(r.buildMs), ms(r.coldLoadMs), ms(r.firstQueryMs), r.heapMb.toFixed(0), ms(r.p50Ms), ms(r.p95Ms), ...kinds.map((k) => ms(r.p95ByKind[k] ?? NaN)), `${Math.round(r.typoTop5 * 100)}%`];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      docs: { type: 'string', default: '1000,10000' },
      runs: { type: 'string', default: '5' },
      engines: { type: 'string', default: [...CANDIDATES, 'project'].join(',') },
      corpus: { type: 'string', default: 'wide,synthetic' },
      json: { type: 'string' },
      /** Body length of the wide corpus (default: the records' cap), to see what the cap costs. */
      'body-chars': { type: 'string' },
    },
  });
  const rows: SearchMeasurement[] = [];
  for (const corpus of values.corpus.split(',') as CorpusName[]) {
    for (const docs of values.docs.split(',').map(Number)) {
      const records = await benchRecords(docs, corpus, Number(values['body-chars'] ?? BODY_MAX_CHARS));
      for (const engine of values.engines.split(',') as EngineName[]) {
        const row = await measureEngine(engine, records, corpus, Number(values.runs));
        rows.push(row);
        process.stderr.write(`${formatTable([row]).split('\n').at(-1)}\n`);
      }
    }
  }
  process.stdout.write(`${formatTable(rows)}\n`);
  if (values.json) await writeFile(values.json, JSON.stringify(rows, null, 2));
}

if (import.meta.main) await main();
