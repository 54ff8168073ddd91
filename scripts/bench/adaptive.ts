/**
 * `npm run bench:adaptive`: does `CMS_CONCURRENCY=auto` find each CMS's knee? For synthetic CMSs of W
 * workers (contention beyond W, a queue of 2W and 503 past it) at several round trips, it syncs the same
 * site with a sweep of fixed settings (concurrency × batch size) and with the defaults (`auto` for both),
 * each against a fresh CMS in its own process, and prints pages/s, auto's share of the best fixed setting
 * and the requests the CMS shed. Targets: auto ≥ 90% of the best in every cell; no shedding on W = 1.
 *
 * Auto runs twice: cold (a first build: each phase starts at one request) and warm (the same full sync
 * again with the first one's sync state, as after a schema change: each phase starts at the knee the
 * first found). Both are judged.
 *
 * The site grows with W (`--pages-per-worker`, within `--min-pages`..`--max-pages`) so every sync lasts
 * some seconds at its best setting: a sync over before any setting matters measures only start-up.
 *
 *   npm run bench:adaptive -- [--workers 1,2,4,16] [--rtt 1,30,100] [--fixed 1,2,3,4,6,8,12,16,24,32,48]
 *                             [--batch 20,100] [--runs 1]
 */
import { parseArgs } from 'node:util';
import { wagtailPagesLoader } from '../../src/wagtail/index.ts';
import { readState, writeState } from '../../src/wagtail/sync-state.ts';
import { createLoaderContext, type TestContext } from '../../test/helpers/loader-context.ts';
import { matrixOptions, meetsTarget, numberList, printMatrix, sitePages } from './adaptive-matrix.ts';
import { killAllCms, startCmsProcess } from './cms-process.ts';

const { values } = parseArgs({
  options: {
    fixed: { type: 'string', default: '1,2,3,4,6,8,12,16,24,32,48' },
    batch: { type: 'string', default: '20,100' },
    runs: { type: 'string', default: '1' },
    ...matrixOptions,
  },
});
const num = (name: keyof typeof values) => Number(values[name]);

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

/**
 * Syncs a fresh CMS (its own process, as a real CMS is on another machine) once; with `warm`, a second
 * full sync of the same CMS follows, starting from what the first left in its sync state. The first
 * sync with auto settings is a cold run, the second a warm one.
 */
async function measure(settings: Settings, workers: number, rtt: number, warm = false): Promise<{ first: Run; second?: Run }> {
  const pages = sitePages(values, workers);
  const cms = await startCmsProcess({
    pages,
    images: 10,
    rttMs: rtt,
    pageTimeMs: num('page-time'),
    requestTimeMs: num('request-time'),
    workers,
    contention: num('contention'),
    queueLimit: 2 * workers,
  });
  const sync = async ({ context, logs }: TestContext): Promise<Run> => {
    const started = performance.now();
    try {
      await wagtailPagesLoader({ endpoint: cms.url, ...settings }).load(context);
    } catch {
      // Shed so often that retries ran out: this setting is past what the CMS takes.
      return { pagesPerSecond: 0, shed: (await cms.stats()).shed, summary: 'failed' };
    }
    const seconds = (performance.now() - started) / 1000;
    const report = logs.info.find((line) => line.includes('Synced')) ?? '';
    return { pagesPerSecond: pages / seconds, shed: (await cms.stats()).shed, summary: /\((concurrency [^)]*)\)/.exec(report)?.[1] ?? '' };
  };
  try {
    // The first sync's context (its store holds every page) is left for the collector before the second
    // starts: a warm build is a new process, and a heap full of the last sync's pages slows this one.
    const first = await (async () => {
      const context = createLoaderContext();
      return { run: await sync(context), state: readState(context.context.meta) };
    })();
    if (!warm) return { first: first.run };
    if (first.run.summary === 'failed') return { first: first.run, second: first.run };
    // An empty store with the first sync's state: every page is fetched again, as after a schema change.
    const second = createLoaderContext();
    writeState(second.context.meta, first.state!);
    await cms.resetStats();
    return { first: first.run, second: await sync(second) };
  } finally {
    await cms.close();
  }
}

/** The median run by pages/s (sheds summed: any is too many). */
function medianRun(runs: Run[]): Run {
  const sorted = [...runs].sort((a, b) => a.pagesPerSecond - b.pagesPerSecond);
  return { ...sorted[Math.floor(sorted.length / 2)]!, shed: runs.reduce((sum, r) => sum + r.shed, 0) };
}

/**
 * Every setting of a cell, `--runs` times, one run of each setting in turn: the host's speed drifts by
 * 10–15% over the minutes a cell takes, and measured one setting after another, that drift read as a
 * difference between settings. Auto's cold and warm runs are the two syncs of one CMS.
 */
async function measureCell(fixedSettings: Array<[string, Settings]>, workers: number, rtt: number): Promise<{ fixed: Map<string, Run>; cold: Run; warm: Run }> {
  const fixed = new Map<string, Run[]>(fixedSettings.map(([name]) => [name, []]));
  const cold: Run[] = [];
  const warm: Run[] = [];
  for (let i = 0; i < num('runs'); i++) {
    for (const [name, settings] of fixedSettings) fixed.get(name)!.push((await measure(settings, workers, rtt)).first);
    const auto = await measure({ concurrency: 'auto', batchSize: 'auto' }, workers, rtt, true);
    cold.push(auto.first);
    warm.push(auto.second!);
  }
  return { fixed: new Map([...fixed].map(([name, runs]) => [name, medianRun(runs)])), cold: medianRun(cold), warm: medianRun(warm) };
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
    const { fixed } = cell;
    const [bestSetting, best] = [...fixed].reduce((a, b) => (b[1].pagesPerSecond > a[1].pagesPerSecond ? b : a));
    const sweep = [...fixed]
      .map(([setting, r]) => `${setting}: ${r.summary === 'failed' ? 'failed' : r.pagesPerSecond.toFixed(0)}${r.shed ? ` (${r.shed} shed)` : ''}`)
      .join(', ');
    const judge = (auto: Run): string => {
      const share = auto.pagesPerSecond / best.pagesPerSecond;
      const ok = meetsTarget(share, workers, auto.shed);
      if (!ok) failures++;
      const settled = auto.summary
        .replace(/^concurrency auto, settled at (\d+), batch auto, settled at (\d+)/, '$1×$2')
        .replace(", started at the last build's knee", '');
      return `${auto.pagesPerSecond.toFixed(0)} | ${settled} | ${(share * 100).toFixed(0)}% | ${auto.shed} | ${ok ? 'PASS' : 'FAIL'}`;
    };
    const cold = judge(cell.cold);
    const warm = judge(cell.warm);
    rows.push(`| ${workers} | ${rtt} | ${sitePages(values, workers)} | ${sweep} | ${bestSetting}: ${best.pagesPerSecond.toFixed(0)} | ${cold} | ${warm} |`);
    process.stderr.write(`${rows.at(-1)}\n`);
  }
}
printMatrix(
  `Sync throughput in pages/s (median of ${num('runs')}); settings are concurrency × batch size. CMS: ${values['page-time']} ms/page + ${values['request-time']} ms/request per worker, contention ${values.contention} per request beyond W, queue limit 2W (503 past it).`,
  '| W | RTT ms | pages | fixed settings: pages/s | best fixed | cold auto | settled | / best | shed | | warm auto | settled | / best | shed | |',
  '| ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: | --- | ---: | --- | ---: | ---: | --- |',
  rows,
  failures,
);
