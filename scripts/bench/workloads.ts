/**
 * One workload end to end: its own CMS process, the entries dump (B0's data, which also warms the CMS),
 * the image comparison, then per run a cold build, B0 and B1 side by side, then the incremental rebuilds
 * on the caches of the last cold build. Every build is a separate `astro build` process.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FLOOR_NOTE, NAIVE_ENV, NAIVE_NOTE, prepareFloorProject } from './baselines.ts';
import { startCmsProcess, type CmsProcess, type CmsSettings } from './cms-process.ts';
import { collectImageUrls, compareWithBareSharp, type ImageComparison } from './images.ts';
import { runBuild, type BuildDirs, type BuildMeasurement } from './run-build.ts';

/** The loader's defaults (README: CMS_CONCURRENCY and CMS_BATCH_SIZE auto), used when the bench sets neither. */
export const DEFAULT_CONCURRENCY = 'auto';
export const DEFAULT_BATCH_SIZE = 'auto';

export interface WorkloadSpec extends CmsSettings {
  /** Detail requests in flight (CMS_CONCURRENCY) for the project's builds. */
  concurrency: number | 'auto';
  /** Pages per detail request (CMS_BATCH_SIZE). */
  batchSize: number | 'auto';
  /** Whether the bench sets CMS_CONCURRENCY / CMS_BATCH_SIZE or leaves the project's defaults. */
  setFetchEnv: boolean;
}

export interface WorkloadOptions {
  runs: number;
  skipNaive: boolean;
  skipImages: boolean;
  /** The bench's temp root (tmpfs when available). */
  tmp: string;
  /** The project copy all builds of this bench run from. */
  snapshot: string;
  progress: (message: string) => void;
}

export interface WorkloadRuns {
  cold: BuildMeasurement[];
  floor: BuildMeasurement[];
  naive: BuildMeasurement[];
  /** Empty Astro cache (every page renders again) with the cold build's image cache kept. */
  warmImages: BuildMeasurement[];
  rebuildZero: BuildMeasurement[];
  rebuildOne: BuildMeasurement[];
  rebuildHundred: BuildMeasurement[];
  rebuildDeleted: BuildMeasurement[];
}

export interface WorkloadResult {
  spec: WorkloadSpec;
  runs: WorkloadRuns;
  /** Entries the loaders produced for B0: pages, site, redirects. */
  entries: Record<string, number>;
  /** Pages deleted per "deleted" rebuild (10, fewer on tiny sites). */
  deletedPerRun: number;
  imageUrls: number;
  imageComparison: ImageComparison | null;
  notes: string[];
}

export async function runWorkload(spec: WorkloadSpec, options: WorkloadOptions): Promise<WorkloadResult> {
  const name = `${spec.pages}p`;
  const say = (message: string): void => options.progress(`[${name}] ${message}`);
  const base = join(options.tmp, name);
  const logDir = join(base, 'logs');
  await mkdir(base, { recursive: true });
  const dirsFor = (kind: string, project: string): BuildDirs => ({
    project,
    dist: join(base, kind, 'dist'),
    astroCache: join(base, kind, 'astro-cache'),
    imageCache: join(base, kind, 'img-cache'),
  });
  const fetchEnv: Record<string, string> = spec.setFetchEnv
    ? { CMS_CONCURRENCY: String(spec.concurrency), CMS_BATCH_SIZE: String(spec.batchSize) }
    : {};

  say(`starting the demo CMS: ${spec.pages} pages, ${spec.images} images, rtt ${spec.rttMs} ms, ${spec.pageTimeMs} ms/page, ${spec.workers} workers`);
  const cms = await startCmsProcess(spec);
  try {
    say(`CMS at ${cms.url}; dumping the entries for B0 (also warms the CMS)`);
    const floor = await prepareFloorProject(options.snapshot, join(base, 'floor-project'), cms);
    const pagesJson = join(floor.dataDir, 'pages.json');
    const leaves = await leafPageIds(pagesJson);
    const imageUrls = await collectImageUrls(pagesJson, cms.origin);
    say(`${floor.counts.pages ?? 0} pages dumped, ${leaves.length} leaf pages, ${imageUrls.length} image URLs`);

    // Renditions are drawn by the CMS on first request: make sure no measured build pays for that.
    await warmUrls(imageUrls);

    let imageComparison: ImageComparison | null = null;
    if (!options.skipImages && imageUrls.length > 0) {
      say(`image stage alone vs bare sharp on the same sources (${options.runs} run(s))`);
      imageComparison = await compareWithBareSharp({ snapshot: options.snapshot, urls: imageUrls, workDir: base, runs: options.runs });
      say(
        `${imageComparison.distinctSources} distinct sources, ${imageComparison.variants} variants: ` +
          `bare sharp ${median(imageComparison.bareSharpSeconds).toFixed(2)} s, stage ${median(imageComparison.stageSeconds).toFixed(2)} s`,
      );
    }

    const runs: WorkloadRuns = { cold: [], floor: [], naive: [], warmImages: [], rebuildZero: [], rebuildOne: [], rebuildHundred: [], rebuildDeleted: [] };
    const state = dirsFor('state', options.snapshot);
    const build = async (list: BuildMeasurement[], label: string, dirs: BuildDirs, env: Record<string, string>, cold: boolean, keepImages = false) => {
      const result = await runBuild({ label, dirs, cms, env, cold, keepImages, logDir });
      list.push(result);
      say(describe(result));
      return result;
    };

    // Side by side: each run does the cold build, then B0, then B1, so slow phases of a busy machine hit all three.
    for (let run = 1; run <= options.runs; run++) {
      const of = `${run}/${options.runs}`;
      await build(runs.cold, `cold ${of}`, state, fetchEnv, true);
      // Warm images: what a build with a kept image cache but nothing else cached costs (every page renders).
      await build(runs.warmImages, `warm images ${of}`, { ...dirsFor('warm-images', options.snapshot), imageCache: state.imageCache }, fetchEnv, true, true);
      await build(runs.floor, `B0 floor ${of}`, dirsFor('floor', floor.project), {}, true);
      // B1 keeps the image cache warm and is compared with the warm-images build: image encoding is the
      // same stage in both (measured on its own against bare sharp), so it would only hide the difference
      // between fetching strategies, which is what B1 is for.
      if (!options.skipNaive) {
        const dirs = { ...dirsFor('naive', options.snapshot), imageCache: state.imageCache };
        await build(runs.naive, `B1 naive ${of}`, dirs, { ...NAIVE_ENV }, true, true);
      }
    }

    // Incremental, on the last cold build's caches. Deletions come last: they shrink the site for good.
    const deletedPerRun = Math.max(1, Math.min(10, Math.floor(leaves.length / (4 * options.runs))));
    const toDelete = leaves.slice(leaves.length - deletedPerRun * options.runs);
    const changeable = leaves.slice(0, leaves.length - toDelete.length);
    let edits = 0;
    const change = async (count: number): Promise<void> => {
      for (let i = 0; i < count; i++) {
        const id = changeable[edits % changeable.length];
        edits++;
        if (id) await cms.changeTitle(id, `Bench edit ${edits} of page ${id}`);
      }
    };
    for (let run = 1; run <= options.runs; run++) await build(runs.rebuildZero, `rebuild 0 changes ${run}/${options.runs}`, state, fetchEnv, false);
    for (let run = 1; run <= options.runs; run++) {
      await change(1);
      await build(runs.rebuildOne, `rebuild 1 changed ${run}/${options.runs}`, state, fetchEnv, false);
    }
    for (let run = 1; run <= options.runs; run++) {
      await change(100);
      await build(runs.rebuildHundred, `rebuild 100 changed ${run}/${options.runs}`, state, fetchEnv, false);
    }
    for (let run = 1; run <= options.runs; run++) {
      for (const id of toDelete.slice((run - 1) * deletedPerRun, run * deletedPerRun)) await cms.deletePage(id);
      await build(runs.rebuildDeleted, `rebuild ${deletedPerRun} deleted ${run}/${options.runs}`, state, fetchEnv, false);
    }

    const notes = [NAIVE_NOTE, FLOOR_NOTE];
    if (imageComparison && imageComparison.distinctSources < imageComparison.urls) {
      notes.push(
        `The CMS's ${imageComparison.urls} image URLs hold ${imageComparison.distinctSources} distinct sources ` +
          '(the synthetic site draws its images from a handful of scenes); the content-addressed cache encodes each distinct source once.',
      );
    }
    return { spec, runs, entries: floor.counts, deletedPerRun, imageUrls: imageUrls.length, imageComparison, notes };
  } finally {
    await cms.close();
  }
}

function describe(result: BuildMeasurement): string {
  const parts = [`${result.label}: ${result.wallS.toFixed(2)} s wall`, `${result.peakRssMb.toFixed(0)} MB`];
  if (result.requests !== null) parts.push(`${result.requests} requests`);
  if (result.sync) parts.push(`fetch ${result.sync.seconds.toFixed(2)} s`);
  if (result.renderS !== null) parts.push(`render ${result.renderS.toFixed(2)} s`);
  if (result.images) parts.push(`${result.images.encoded} encodes`);
  return parts.join(', ');
}

/** Ids of dumped pages no other page names as parent (and not the home page), in id order. */
async function leafPageIds(pagesJson: string): Promise<string[]> {
  const pages = JSON.parse(await readFile(pagesJson, 'utf8')) as Record<string, { parentId: string | null; url: string }>;
  const parents = new Set(Object.values(pages).map((page) => page.parentId));
  return Object.entries(pages)
    .filter(([id, page]) => !parents.has(id) && page.url !== '/')
    .map(([id]) => id)
    .sort((a, b) => Number(a) - Number(b));
}

async function warmUrls(urls: string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      await fetch(url).then((response) => response.arrayBuffer()).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
