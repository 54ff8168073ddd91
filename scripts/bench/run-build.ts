/**
 * One `astro build` under `/usr/bin/time`, in a project copy, against a CMS process, and what it printed
 * turned into numbers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CmsProcess } from './cms-process.ts';

export interface BuildDirs {
  /** Project copy the build runs in (cwd). */
  project: string;
  /** `--outDir`. */
  dist: string;
  /** `ASTRO_CACHE_DIR`. */
  astroCache: string;
  /** `IMAGE_CACHE_DIR`. */
  imageCache: string;
}

/** What the loader's final line says: `Synced N pages in X s (phases); R requests (op n, ...) ...; F fetched`. */
export interface SyncLine {
  /** Pages the store holds after the sync. */
  pages: number;
  /** Pages whose details were fetched: all of them on a cold build, the changed ones on a rebuild. */
  fetched: number;
  seconds: number;
  phases: Record<string, number>;
  requests: number;
  operations: Record<string, number>;
}

/** The image stage's report: `N images (...), D downloads (...), variants: E encoded, U reused ..., in Xs`. */
export interface ImageLine {
  images: number;
  downloads: number;
  encoded: number;
  reused: number;
  seconds: number;
}

export interface BuildMeasurement {
  label: string;
  wallS: number;
  userS: number;
  sysS: number;
  peakRssMb: number;
  /** GraphQL requests the CMS served during the build (site and redirects loaders included). */
  requests: number | null;
  sync: SyncLine | null;
  /** `generating static routes … Completed in`, else Astro's `N page(s) built in`. */
  renderS: number | null;
  /** Astro's `[build] N page(s) built in X s`. */
  pagesBuilt: number | null;
  images: ImageLine | null;
  /** The last lines printed, for a failure's message and for `--keep` inspection. */
  logFile: string;
}

/** Env the bench never inherits: it sets what it wants explicitly. */
const SCRUBBED = /^(CMS_|ASTRO_CACHE_DIR$|IMAGE_CACHE_DIR$|BUILD_CONCURRENCY$|SITE_URL$|URL$|FORCE_COLOR$|DEMO_CMS_PORT$|LINK_CHECK$)/;

export function buildEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!SCRUBBED.test(key)) env[key] = value;
  return { ...env, NO_COLOR: '1', ...extra };
}

let current: ChildProcess | null = null;

/** Kills the build in flight (its whole process group). */
export function killCurrentBuild(): void {
  const pid = current?.pid;
  if (pid && current?.exitCode === null) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function runBuild(options: {
  label: string;
  dirs: BuildDirs;
  cms: CmsProcess | null;
  env: Record<string, string>;
  /** Empty the Astro cache and the image cache first. */
  cold: boolean;
  /** With `cold`: keep the image cache (a cold build with warm images). */
  keepImages?: boolean;
  logDir: string;
  timeoutMs?: number;
}): Promise<BuildMeasurement> {
  const { dirs, label } = options;
  if (options.cold) {
    await rm(dirs.astroCache, { recursive: true, force: true });
    if (!options.keepImages) await rm(dirs.imageCache, { recursive: true, force: true });
  }
  await rm(dirs.dist, { recursive: true, force: true });
  await mkdir(options.logDir, { recursive: true });
  const slug = label.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const logFile = join(options.logDir, `${slug}.log`);
  const timeFile = join(options.logDir, `${slug}.time`);
  if (options.cms) await options.cms.resetStats();

  const env = buildEnv({
    ASTRO_CACHE_DIR: dirs.astroCache,
    IMAGE_CACHE_DIR: dirs.imageCache,
    ...(options.cms ? { CMS_GRAPHQL_URL: options.cms.url } : {}),
    ...options.env,
  });
  const args = ['-o', timeFile, '-f', '%e %U %S %M', process.execPath, 'node_modules/astro/bin/astro.mjs', 'build', '--outDir', dirs.dist];
  const output = await new Promise<{ code: number; text: string }>((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, { cwd: dirs.project, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    current = child;
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const timer = setTimeout(() => {
      killCurrentBuild();
      reject(new Error(`${label}: astro build timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs ?? 3_600_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${label}: could not run /usr/bin/time (${error.message}); install GNU time (apt-get install time)`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      current = null;
      resolve({ code: code ?? 1, text });
    });
  });
  const text = stripAnsi(output.text);
  await writeFile(logFile, text);
  if (output.code !== 0) {
    throw new Error(`${label}: astro build failed (exit ${output.code}); log ${logFile}:\n${tail(text, 40)}`);
  }
  const time = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)?.split(/\s+/).map(Number) ?? [];
  const [wallS = NaN, userS = NaN, sysS = NaN, rssKb = NaN] = time;
  const requests = options.cms ? (await options.cms.stats()).graphqlRequests : null;
  return {
    label,
    wallS,
    userS,
    sysS,
    peakRssMb: rssKb / 1024,
    requests,
    sync: parseSyncLine(text),
    renderS: parseRenderSeconds(text),
    pagesBuilt: parsePagesBuilt(text),
    images: parseImageLine(text),
    logFile,
  };
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

/** `2.02s`, `336ms`, `1m 3s`. */
function seconds(value: string, unit: string): number {
  const n = Number(value);
  return unit === 'ms' ? n / 1000 : unit === 'm' ? n * 60 : n;
}

function pairs(text: string, unit: RegExp): Record<string, number> {
  const result: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = new RegExp(`^\\s*(\\S+)\\s+([\\d.]+)${unit.source}\\s*$`).exec(part);
    if (match?.[1] && match[2]) result[match[1]] = Number(match[2]);
  }
  return result;
}

export function parseSyncLine(text: string): SyncLine | null {
  const matches = [...text.matchAll(/Synced (\d+) pages in ([\d.]+) s \(([^)]*)\); (\d+) requests \(([^)]*)\).*?; (\d+) fetched/g)];
  const match = matches.at(-1);
  if (!match) return null;
  return {
    pages: Number(match[1]),
    fetched: Number(match[6]),
    seconds: Number(match[2]),
    phases: pairs(match[3] ?? '', / s/),
    requests: Number(match[4]),
    operations: pairs(match[5] ?? '', /(?:)/),
  };
}

/** Astro's durations: `850ms`, `12.34s`, or from a minute on `1m 5s`. */
const DURATION = /(?:(\d+)m (\d+)s|([\d.]+)(ms|s))\b/;

function durationSeconds(match: RegExpExecArray | null): number | null {
  if (!match) return null;
  if (match[1] !== undefined && match[2] !== undefined) return Number(match[1]) * 60 + Number(match[2]);
  return match[3] && match[4] ? seconds(match[3], match[4]) : null;
}

export function parseRenderSeconds(text: string): number | null {
  const at = text.indexOf('generating static routes');
  if (at >= 0) {
    const completed = durationSeconds(new RegExp(`Completed in ${DURATION.source}`).exec(text.slice(at)));
    if (completed !== null) return completed;
  }
  return durationSeconds(new RegExp(`page\\(s\\) built in ${DURATION.source}`).exec(text));
}

function parsePagesBuilt(text: string): number | null {
  const match = /(\d+) page\(s\) built in/.exec(text);
  return match?.[1] ? Number(match[1]) : null;
}

export function parseImageLine(text: string): ImageLine | null {
  const match =
    /(\d+) images \([^)]*\), (\d+) downloads \([^)]*\), variants: (\d+) encoded, (\d+) reused from cache, in ([\d.]+)s/.exec(text);
  if (!match) return null;
  return {
    images: Number(match[1]),
    downloads: Number(match[2]),
    encoded: Number(match[3]),
    reused: Number(match[4]),
    seconds: Number(match[5]),
  };
}
