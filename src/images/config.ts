/**
 * Settings of the image stage. One resolved `ImageConfig` lives in the shared registry (`state.ts`): the
 * integration fills it from the Astro config, and page code (bundled separately) reads it from there.
 * Without the integration (unit tests, scripts) the defaults below apply, so `processImage` always works.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

export interface ImageConfig {
  /** Persistent, content-addressed variant store. Survives builds: a warm build encodes nothing. */
  cacheDir: string;
  /** Public URL prefix of variants, ending in `/` (`/_img/`, or `/base/_img/` under an Astro `base`). */
  publicPath: string;
  /** Candidate variant widths, ascending. The source is never upscaled, so large ones are dropped. */
  widths: readonly number[];
  /** Parallel downloads: the CMS (often a few Python workers) is the bottleneck, not our bandwidth. */
  downloadConcurrency: number;
  /**
   * Parallel encode jobs: cores + 1. Each job runs single-threaded in libvips (sharp's default on glibc) and
   * briefly idles its core between pipeline steps; one spare job fills those gaps (measured on 2 cores:
   * `cores` jobs ran ~4% behind bare sharp, `cores + 1` ~2% ahead). More only adds memory and contention.
   */
  encodeConcurrency: number;
  /** Per-attempt download timeout. Generous, because Wagtail renders renditions lazily on first request. */
  timeoutMs: number;
  /** Attempts after the first, for network errors, timeouts, 429 and 5xx. */
  retries: number;
  /** Sources larger than this are refused rather than buffered (a misconfigured URL to a huge file). */
  maxSourceBytes: number;
  /**
   * Keep a failed URL failed for the rest of the process. Right for a build (one warning, no retry storm
   * against a dead CMS); off in dev, where the next reload should try again once the CMS is back.
   */
  rememberFailures: boolean;
}

/** The env var that moves the cache (e.g. to a CI cache directory). */
export const CACHE_DIR_ENV = 'IMAGE_CACHE_DIR';

/** Our folder inside Astro's `cacheDir`, which CI setups already keep between builds. */
const DEFAULT_CACHE_SUBDIR = 'wagtail-images';

/** Encoder settings. Changing them does not change file names: clear the cache dir after editing these. */
export const encoderOptions = {
  webp: { quality: 75 },
  // mozjpeg would save ~10% bytes but costs ~2-3x the encode time; builds encode every variant cold.
  jpeg: { quality: 78, progressive: true, mozjpeg: false },
  png: { compressionLevel: 8, adaptiveFiltering: false },
} as const;

export function defaultCacheDir(astroCacheDir?: string): string {
  const fromEnv = process.env[CACHE_DIR_ENV];
  if (fromEnv) return resolve(fromEnv);
  // Without the integration (tests, scripts) there is no Astro config: assume Astro's default cacheDir.
  return resolve(astroCacheDir ?? 'node_modules/.astro', DEFAULT_CACHE_SUBDIR);
}

/** `/_img/` under the site's `base` (Astro's `base` may or may not end in a slash). */
export function publicPathFor(base = '/'): string {
  return `${base.replace(/\/+$/, '')}/_img/`;
}

export function defaultConfig(): ImageConfig {
  const cores = availableParallelism();
  return {
    cacheDir: defaultCacheDir(),
    publicPath: publicPathFor('/'),
    widths: [320, 640, 960, 1280, 1600],
    downloadConcurrency: 6,
    encodeConcurrency: cores + 1,
    timeoutMs: 30_000,
    retries: 2,
    maxSourceBytes: 64 * 1024 * 1024,
    rememberFailures: true,
  };
}
