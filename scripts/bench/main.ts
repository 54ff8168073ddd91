/**
 * `npm run bench`: cold builds, the render floor (B0), the naive build (B1), incremental rebuilds and the
 * image stage, against the demo CMS's synthetic sites; medians, Markdown tables, PASS/FAIL per target
 * and a JSON file. See `--help`.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { killAllCms } from './cms-process.ts';
import { copyProject, repoRoot } from './project-copy.ts';
import { checkTargets, summarize, targetLines, workloadTable } from './report.ts';
import { killCurrentBuild } from './run-build.ts';
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, runWorkload, type WorkloadResult } from './workloads.ts';

const HELP = `Usage: npm run bench -- [options]

Builds the site against the demo CMS's synthetic sites and reports medians, a Markdown table per
workload, PASS/FAIL per target and a JSON file. Default: 1,000 and 10,000 pages, 3 runs (takes long).

  --pages N[,M...]   workloads of N (M...) pages (default: 1000,10000)
  --runs K           runs per measurement, medians reported (default 3)
  --json FILE        JSON output (default bench-results/bench-<date>.json)
  --images K         source images of each synthetic site (default 500)
  --image-share P    share of pages with image blocks (default: the CMS's, 0.3)
  --rtt MS           CMS round trip (default 30)
  --page-time MS     CMS server time per page (default 5)
  --workers W        CMS workers (default 4)
  --concurrency C    CMS_CONCURRENCY for the project's builds (default: unset, the project's ${DEFAULT_CONCURRENCY})
  --batch B          CMS_BATCH_SIZE for the project's builds (default: unset, the project's ${DEFAULT_BATCH_SIZE})
  --skip-naive       no B1 builds (they take ~(RTT + S) per page)
  --naive-max N      B1 and the image comparison only for workloads of at most N pages (default 1000:
                     P2 is defined at 1k, a naive 10k build takes ~6 minutes per run, and P4 needs one)
  --skip-images      no image stage vs bare sharp comparison
  --keep             keep the temp dir (project copies, caches, dist, build logs)
  --tmp DIR          temp root (default /dev/shm when writable, else the OS temp dir)
  --help
`;

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    runs: { type: 'string', default: '3' },
    json: { type: 'string' },
    images: { type: 'string', default: '500' },
    'image-share': { type: 'string' },
    rtt: { type: 'string', default: '30' },
    'page-time': { type: 'string', default: '5' },
    workers: { type: 'string', default: '4' },
    concurrency: { type: 'string' },
    batch: { type: 'string' },
    'skip-naive': { type: 'boolean', default: false },
    'naive-max': { type: 'string', default: '1000' },
    'skip-images': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    tmp: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

function int(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be an integer ≥ ${min}, got "${value}"\n`);
    process.exit(2);
  }
  return n;
}
function num(name: string, value: string | undefined, min: number, max = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    process.stderr.write(`--${name} must be a number in [${min}, ${max}], got "${value}"\n`);
    process.exit(2);
  }
  return n;
}

const runs = int('runs', values.runs, 1)!;
const pageCounts = values.pages === undefined ? [1000, 10000] : values.pages.split(',').map((n) => int('pages', n.trim(), 2)!);
const concurrency = int('concurrency', values.concurrency, 1);
const batch = int('batch', values.batch, 1);
const started = new Date();
const stamp = started.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
const jsonPath = resolve(values.json ?? join(repoRoot, 'bench-results', `bench-${stamp}.json`));

function tmpBase(): string {
  if (values.tmp) return values.tmp;
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}
const progressStart = performance.now();
const progress = (message: string): void => {
  const seconds = ((performance.now() - progressStart) / 1000).toFixed(0).padStart(5);
  process.stderr.write(`${seconds}s ${message}\n`);
};

if (!existsSync('/usr/bin/time')) {
  process.stderr.write('The bench needs GNU time at /usr/bin/time (apt-get install time).\n');
  process.exit(2);
}
const base = tmpBase();
const tmp = await mkdtemp(join(base, 'wagtail-bench-'));
let cleaning: Promise<void> | null = null;
let interrupted = false;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    killCurrentBuild();
    killAllCms();
    if (values.keep) progress(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    interrupted = true;
    progress(`${signal}: stopping the build and the CMS`);
    void cleanup().finally(() => process.exit(130));
  });
}

progress(`temp root ${tmp}${base === '/dev/shm' ? ' (tmpfs)' : ''}; ${availableParallelism()} cores; node ${process.version}`);
const results: WorkloadResult[] = [];
let exitCode = 0;
try {
  const snapshot = await copyProject(join(tmp, 'project'));
  progress(`project copied to ${snapshot} (node_modules and cms/ linked)`);
  for (const pages of pageCounts) {
    results.push(
      await runWorkload(
        {
          pages,
          images: int('images', values.images, 1)!,
          imageShare: num('image-share', values['image-share'], 0, 1),
          rttMs: num('rtt', values.rtt, 0)!,
          pageTimeMs: num('page-time', values['page-time'], 0)!,
          workers: int('workers', values.workers, 1)!,
          concurrency: concurrency ?? DEFAULT_CONCURRENCY,
          batchSize: batch ?? DEFAULT_BATCH_SIZE,
          setFetchEnv: concurrency !== undefined || batch !== undefined,
        },
        {
          runs,
          skipNaive: values['skip-naive'] || pages > int('naive-max', values['naive-max'], 0)!,
          // P4 needs one comparison; the 10k workload draws the same number of images.
          skipImages: values['skip-images'] || pages > int('naive-max', values['naive-max'], 0)!,
          tmp,
          snapshot,
          progress,
        },
      ),
    );
  }
} catch (error) {
  if (interrupted) await new Promise(() => {}); // the signal handler exits once cleaned up
  progress(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await cleanup();
}

if (results.length > 0) {
  const summaries = results.map(summarize);
  const targets = checkTargets(summaries);
  const tables = results.map(workloadTable).join('\n\n');
  process.stdout.write(`\n${tables}\n\n${targetLines(targets)}\n`);
  const document = {
    // One workload: its medians at the top level too (`npm run bench -- --pages N --json FILE`).
    ...(summaries.length === 1 ? summaries[0] : {}),
    date: started.toISOString(),
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, tmp: base },
    settings: {
      runs,
      pages: pageCounts,
      concurrency: concurrency ?? DEFAULT_CONCURRENCY,
      batch_size: batch ?? DEFAULT_BATCH_SIZE,
      skip_naive: values['skip-naive'],
      skip_images: values['skip-images'],
    },
    workloads: summaries,
    targets,
    details: results.map((r) => ({ spec: r.spec, entries: r.entries, image_comparison: r.imageComparison, notes: r.notes, builds: r.runs })),
  };
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(document, null, 2)}\n`);
  progress(`JSON written to ${jsonPath}`);
}
process.exit(exitCode);
