/**
 * `npm run bench:adaptive`: does `CMS_CONCURRENCY=auto` find each CMS's knee? For synthetic CMSs of W
 * workers (contention beyond W, a queue of 2W and 503 past it) at several round trips, it syncs the same
 * site with a sweep of fixed settings (concurrency × batch size) and with the defaults (`auto` for both),
 * against one CMS a cell in its own process, warmed up first, and prints pages/s, auto's share of the best
 * fixed setting and the requests the CMS shed. Targets: auto ≥ 90% of the best in every cell; no shedding
 * on W = 1.
 *
 * Auto runs twice: cold (a first build: each phase starts at one request) and warm (the same full sync
 * again with the first one's sync state, as after a schema change: each phase starts at the knee the
 * first found). Both are judged.
 *
 * A cell runs in two parts. The sweep (`--runs` rounds of every fixed setting) finds the best fixed
 * setting; the confirmation (`--confirm` rounds, `--runs` by default, of that setting, auto cold and auto
 * warm, in turn) measures it beside auto, and judges auto against those runs. The sweep's own number for
 * the setting it picked is the largest of several noisy medians, and reads high: where settings are within
 * the runs' spread of each other, the pick is the one whose runs were luckiest (see the README).
 *
 * The site grows with W (`--pages-per-worker`, within `--min-pages`..`--max-pages`) so every sync lasts
 * some seconds at its best setting: a sync over before any setting matters measures only start-up.
 *
 *   npm run bench:adaptive -- [--workers 1,2,4,16] [--rtt 1,30,100] [--fixed 1,2,3,4,6,8,12,16,24,32,48]
 *                             [--batch 20,100] [--runs 1] [--confirm RUNS]
 */
import { parseArgs } from 'node:util';
import { wagtailPagesLoader } from '../../src/wagtail/index.ts';
import { readState, writeState, type SyncState } from '../../src/wagtail/sync-state.ts';
import { createLoaderContext } from '../../test/helpers/loader-context.ts';
import { matrixOptions, meetsTarget, numberList, printMatrix, sitePages } from './adaptive-matrix.ts';
import { killAllCms, startCmsProcess, type CmsProcess } from './cms-process.ts';

const { values } = parseArgs({
  options: {
    fixed: { type: 'string', default: '1,2,3,4,6,8,12,16,24,32,48' },
    batch: { type: 'string', default: '20,100' },
    runs: { type: 'string', default: '1' },
    confirm: { type: 'string' },
    ...matrixOptions,
  },
});
const num = (name: keyof typeof values) => Number(values[name]);
const confirmRuns = Number(values.confirm ?? values.runs);

interface Settings {
  concurrency: number | 'auto';
  batchSize: number | 'auto';
}

interface Run {
  pagesPerSecond: number;
  shed: number;
  /** What the sync report says it settled on, or 'failed'. */
  summary: string;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllCms();
    process.exit(130);
  });
}

/** A CMS for one cell, in its own process (a real CMS is on another machine), warmed up (see `measureCell`). */
async function warmCms(workers: number, rtt: number): Promise<CmsProcess> {
  const cms = await startCmsProcess({
    pages: sitePages(values, workers),
    images: 10,
    rttMs: rtt,
    pageTimeMs: num('page-time'),
    requestTimeMs: num('request-time'),
    workers,
    contention: num('contention'),
    queueLimit: 2 * workers,
  });
  // One request in service at a time at most per worker: nothing is queued, nothing shed.
  await syncOnce(cms, { concurrency: workers, batchSize: 100 }, workers);
  return cms;
}

/**
 * One full sync of `cms`, measured; from `state` (a sync state another sync left), as a later build's is.
 * Returns what it left in its sync state too.
 */
async function syncOnce(cms: CmsProcess, settings: Settings, workers: number, state?: SyncState): Promise<{ run: Run; state?: SyncState }> {
  const pages = sitePages(values, workers);
  await cms.resetStats();
  // A new context each time (a build is a new process): the last sync's store is left for the collector.
  const { context, logs } = createLoaderContext();
  if (state) writeState(context.meta, state);
  const started = performance.now();
  try {
    await wagtailPagesLoader({ endpoint: cms.url, ...settings }).load(context);
  } catch {
    // Shed so often that retries ran out: this setting is past what the CMS takes.
    return { run: { pagesPerSecond: 0, shed: (await cms.stats()).shed, summary: 'failed' } };
  }
  const seconds = (performance.now() - started) / 1000;
  const report = logs.info.find((line) => line.includes('Synced')) ?? '';
  const summary = /\((concurrency [^)]*)\)/.exec(report)?.[1] ?? '';
  return { run: { pagesPerSecond: pages / seconds, shed: (await cms.stats()).shed, summary }, state: readState(context.meta) ?? undefined };
}

/** The median run by pages/s (sheds summed: any is too many). */
function medianRun(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.pagesPerSecond - b.pagesPerSecond);
  return { ...sorted[Math.floor(sorted.length / 2)]!, shed: runs.reduce((sum, r) => sum + r.shed, 0) };
}

/**
 * The sweep: every fixed setting, `--runs` times, one run of each setting in turn (the host's speed drifts
 * by 10–15% over the minutes a cell takes, and measured one setting after another, that drift read as a
 * difference between settings). Then the confirmation: the best of them, auto cold and auto warm, in
 * turn, `--confirm` times. Auto's warm run is a second sync from the state its cold run left.
 *
 * Every sync meets one CMS, warmed up by a sync first, as a CMS that serves a site is: the demo CMS's
 * first sync after it starts runs its code unoptimized (sixteen workers 30 ms away, 24 × 100: 2,108
 * pages/s in the first sync, then 3,112, 3,621, 2,873, 3,210 and 3,174). Measured against fresh CMSs,
 * every fixed setting and cold run paid that, and warm runs (a second sync) did not. A setting that
 * failed may leave requests behind, so the cell's CMS is replaced after one.
 */
async function measureCell(fixedSettings: Array<[string, Settings]>, workers: number, rtt: number): Promise<Cell> {
  const sweep = new Map<string, Run[]>(fixedSettings.map(([name]) => [name, []]));
  const confirmed: Run[] = [];
  const cold: Run[] = [];
  const warm: Run[] = [];
  let cms = await warmCms(workers, rtt);
  const measure = async (settings: Settings, state?: SyncState) => {
    const result = await syncOnce(cms, settings, workers, state);
    if (result.run.summary === 'failed') {
      await cms.close();
      cms = await warmCms(workers, rtt);
    }
    return result;
  };
  try {
    for (let i = 0; i < num('runs'); i++) {
      for (const [name, settings] of fixedSettings) sweep.get(name)!.push((await measure(settings)).run);
    }
    const medians = new Map([...sweep].map(([name, runs]) => [name, medianRun(runs)]));
    const [bestName] = [...medians].reduce((a, b) => (b[1].pagesPerSecond > a[1].pagesPerSecond ? b : a));
    const bestSettings = fixedSettings.find(([name]) => name === bestName)![1];
    for (let i = 0; i < confirmRuns; i++) {
      confirmed.push((await measure(bestSettings)).run);
      const auto = { concurrency: 'auto', batchSize: 'auto' } as const;
      const first = await measure(auto);
      cold.push(first.run);
      warm.push(first.state ? (await measure(auto, first.state)).run : first.run);
    }
    return { sweep: medians, best: { name: bestName, confirmed: medianRun(confirmed) }, cold: medianRun(cold), warm: medianRun(warm) };
  } finally {
    await cms.close();
  }
}

interface Cell {
  /** Each fixed setting's median run in the sweep. */
  sweep: Map<string, Run>;
  /** The sweep's best setting, and its median run in the confirmation, beside auto's. */
  best: { name: string; confirmed: Run };
  cold: Run;
  warm: Run;
}

const rows: string[] = [];
let failures = 0;
for (const workers of numberList(values.workers)) {
  for (const rtt of numberList(values.rtt)) {
    const settings: Array<[string, Settings]> = [];
    for (const batchSize of numberList(values.batch)) {
      // Far past 3W a CMS with a queue of 2W sheds most requests: those runs only fail, slowly.
      for (const concurrency of numberList(values.fixed).filter((c) => c <= Math.max(8, 4 * workers))) {
        settings.push([`${concurrency}×${batchSize}`, { concurrency, batchSize }]);
      }
    }
    const cell = await measureCell(settings, workers, rtt);
    const best = cell.best.confirmed;
    const sweep = [...cell.sweep]
      .map(([setting, r]) => `${setting}: ${r.summary === 'failed' ? 'failed' : r.pagesPerSecond.toFixed(0)}${r.shed ? ` (${r.shed} shed)` : ''}`)
      .join(', ');
    const judge = (auto: Run): string => {
      const share = auto.pagesPerSecond / best.pagesPerSecond;
      // A best setting that failed in the confirmation (shed until retries ran out) leaves nothing to judge by.
      const comparable = best.pagesPerSecond > 0;
      const ok = comparable && meetsTarget(share, workers, auto.shed);
      if (!ok) failures++;
      const settled = auto.summary
        .replace(/^concurrency auto, settled at (\d+), batch auto, settled at (\d+)/, '$1×$2')
        .replace(", started at the last build's knee", '');
      return `${auto.pagesPerSecond.toFixed(0)} | ${settled} | ${comparable ? `${(share * 100).toFixed(0)}%` : '–'} | ${auto.shed} | ${ok ? 'PASS' : 'FAIL'}`;
    };
    const cold = judge(cell.cold);
    const warm = judge(cell.warm);
    rows.push(`| ${workers} | ${rtt} | ${sitePages(values, workers)} | ${sweep} | ${cell.best.name}: ${best.summary === 'failed' ? 'failed' : best.pagesPerSecond.toFixed(0)}${best.shed ? ` (${best.shed} shed)` : ''} | ${cold} | ${warm} |`);
    process.stderr.write(`${rows.at(-1)}\n`);
  }
}
printMatrix(
  `Sync throughput in pages/s; settings are concurrency × batch size. Sweep: median of ${num('runs')} runs a setting; best fixed and auto: median of ${confirmRuns} runs each, taken in turn after the sweep. CMS: ${values['page-time']} ms/page + ${values['request-time']} ms/request per worker, contention ${values.contention} per request beyond W, queue limit 2W (503 past it).`,
  '| W | RTT ms | pages | sweep: pages/s | best fixed, confirmed | cold auto | settled | / best | shed | | warm auto | settled | / best | shed | |',
  '| ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | --- | ---: | --- | ---: | ---: | --- |',
  rows,
  failures,
);
