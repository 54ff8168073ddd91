/** Options of the demo CMS (programmatic API, CLI and admin API share them). */
import type { PreviewOptions } from './content/previews.ts';
import type { WebhookOptions } from './webhook.ts';

export type { PreviewOptions } from './content/previews.ts';
export type { WebhookOptions } from './webhook.ts';

export interface SyntheticOptions {
  /** Pages below the tree Root, the home page included (>= 2). */
  pages: number;
  /** Image records; they reuse a handful of drawn sources. Default: pages / 20, between 10 and 500. */
  images?: number;
  /** Same seed, same site. Default 1. */
  seed?: number | string;
  /** Share of leaf pages whose body has image blocks (0..1). Default 0.3. */
  imageShare?: number;
  /** Image ids whose originals cannot be decoded: their renditions fail like Wagtail's. */
  brokenImages?: number[];
}

export interface LatencyOptions {
  /** Milliseconds added to every HTTP response: half before the server sees the request, half after. */
  rtt?: number;
  /**
   * Milliseconds of simulated server work per page resolved: a `page(...)` lookup costs `pageTime`, a page
   * returned in a list costs `pageTime / 10`, and resolving a listed page's content (StreamField, rich text)
   * adds the remaining `0.9 * pageTime`. Work inside one request adds up, as in a single Django thread.
   */
  pageTime?: number;
  /** Fixed milliseconds of server work per GraphQL request (parsing, middleware). Default 0. */
  requestTime?: number;
  /** GraphQL requests served at once; the others queue. 0 = unlimited. */
  workers?: number;
  /**
   * Slowdown of server work when more GraphQL requests are in the server (waiting for a worker or holding
   * one, `inServer`) than `workers`: work runs `1 + contention × max(0, inServer − workers)` times slower,
   * for every request in service, while that many are in. 0 = off (default); needs `workers` >= 1.
   * 0.05 (`CALIBRATED_CONTENTION`) reproduces a real Wagtail in one process: 10-page batches at
   * concurrency 16 take 1.5× as long as at concurrency 4 with `workers: 1`.
   */
  contention?: number;
  /**
   * Requests allowed to wait for a worker; one arriving while every worker is busy and this many wait is
   * answered at once with HTTP 503 and `Retry-After: 1` (load shedding, `stats().shed`). 0 = no queue at
   * all; null = unlimited (default). Needs `workers` >= 1.
   */
  queueLimit?: number | null;
}

export const FAULT_KINDS = ['500', '502', '429', 'timeout', 'truncate', 'graphql'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Throws a RangeError naming the kinds that are not fault kinds (the CLI and the injector share it). */
export function checkFaultKinds(kinds: string[]): asserts kinds is FaultKind[] {
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new RangeError(`Unknown fault kind ${unknown.join(', ')}; use ${FAULT_KINDS.join(', ')}.`);
}

/** A synthetic `alt` site's size when none is given. */
export const ALT_DEFAULT_PAGES = 60;

export interface FaultOptions {
  /** Probability (0..1) that a GraphQL request fails. */
  rate?: number;
  /** Kinds chosen from when a request fails. Default: all. */
  kinds?: FaultKind[];
  /** Seed of the deterministic fault sequence (with the GraphQL request counter). */
  seed?: number | string;
  /** Page ids whose lookup and content always fail with a GraphQL error. */
  brokenPages?: number[];
  /** Faults forced on the next GraphQL requests, in order, before `rate` applies. */
  next?: FaultKind[];
  /** How long a `timeout` fault holds the response before answering 504 (ms). Default 60 000. */
  timeoutMs?: number;
}

export interface CmsOptions {
  /** 0 picks a free port. Default 8000. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  content?: 'demo' | { synthetic: SyntheticOptions };
  /** `alt` serves a different site (other page types and blocks) built synthetically. */
  schema?: 'demo' | 'alt';
  latency?: LatencyOptions;
  faults?: FaultOptions;
  /** Where drawn originals and renditions are cached. Default node_modules/.cache/demo-cms. */
  cacheDir?: string;
  /** Origin used in absolute media URLs, when the server is reached under another name. */
  publicOrigin?: string;
  /** Preview tokens (wagtail-headless-preview): the site's preview route, token lifetime, signing key. */
  preview?: PreviewOptions;
  /** Signed webhooks after every publish, unpublish, delete and move. Off when unset. */
  webhook?: WebhookOptions;
}
