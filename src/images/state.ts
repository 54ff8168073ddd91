/**
 * Process-wide state of the image stage, kept on `globalThis` under a registered symbol.
 *
 * Astro bundles page code separately from the config and its integrations, so this project's modules
 * can be loaded twice in one process (once by the integration, once inside the page bundle), each copy
 * with its own module scope. A module-level Map would then download every image twice and the
 * integration would never see which variants the pages used. `Symbol.for` is the same in every copy.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { defaultConfig, type ImageConfig } from './config.ts';
import type { IndexedSource } from './source-index.ts';
import type { ProcessedImage } from './types.ts';

/** What processImage logs through: Astro's integration logger when the integration is installed. */
export interface ImageLogger {
  warn(message: string): void;
  info(message: string): void;
}

export interface ImageStats {
  /** Distinct source URLs processed. */
  images: number;
  downloads: number;
  bytesDownloaded: number;
  /** Sources answered from the source index: variants all cached, no download. */
  fromIndex: number;
  /** Variants written this build. */
  encoded: number;
  /** Variants found in the cache (or being written for another URL with the same bytes). */
  reused: number;
  passthrough: number;
  /** First processImage call and last completion, for the report's wall time. */
  startedAt: number | null;
  finishedAt: number | null;
}

export interface ImageFailure {
  url: string;
  reason: string;
  /** Pages that referenced it (the first one is named in the warning). */
  contexts: Set<string>;
}

export interface ImageState {
  config: ImageConfig;
  logger: ImageLogger | null;
  /** Per-URL results, in flight or done: the "download once per build" guarantee. */
  results: Map<string, Promise<ProcessedImage>>;
  /**
   * Encode jobs (one per content hash + width) and pass-through copies, in flight or done: two URLs
   * with identical bytes share the work.
   */
  encodes: Map<string, Promise<void>>;
  /** Cache file names the build referenced: exactly what gets published to dist. */
  used: Set<string>;
  /** The source index (source-index.ts), loaded from the cache dir on first use in a build. */
  sourceIndex: Promise<Map<string, IndexedSource>> | null;
  failures: Map<string, ImageFailure>;
  stats: ImageStats;
  downloadLimit: LimitFunction;
  encodeLimit: LimitFunction;
}

const KEY = Symbol.for('wagtail-astro.images.state');

function emptyStats(): ImageStats {
  return {
    images: 0,
    downloads: 0,
    bytesDownloaded: 0,
    fromIndex: 0,
    encoded: 0,
    reused: 0,
    passthrough: 0,
    startedAt: null,
    finishedAt: null,
  };
}

export function imageState(): ImageState {
  const registry = globalThis as unknown as Record<symbol, ImageState | undefined>;
  let state = registry[KEY];
  if (!state) {
    const config = defaultConfig();
    state = {
      config,
      logger: null,
      results: new Map(),
      encodes: new Map(),
      used: new Set(),
      sourceIndex: null,
      failures: new Map(),
      stats: emptyStats(),
      downloadLimit: pLimit(config.downloadConcurrency),
      encodeLimit: pLimit(config.encodeConcurrency),
    };
    registry[KEY] = state;
  }
  return state;
}

/** Applies settings (the integration does, at `astro:config:done`); limits follow the new concurrency. */
export function configureImages(patch: Partial<ImageConfig>, logger?: ImageLogger): ImageConfig {
  const state = imageState();
  state.config = { ...state.config, ...patch };
  state.downloadLimit.concurrency = state.config.downloadConcurrency;
  state.encodeLimit.concurrency = state.config.encodeConcurrency;
  if (logger) state.logger = logger;
  return state.config;
}

/** Forgets results, usage and counters (start of a build; between tests). Files in the cache stay. */
export function resetImageState(): void {
  const state = imageState();
  state.results.clear();
  state.encodes.clear();
  state.used.clear();
  state.sourceIndex = null;
  state.failures.clear();
  state.stats = emptyStats();
}
