/**
 * "Make sure these cache files exist": the one place that decides between reuse and work, dedupes
 * concurrent requests, bounds the CPU work, and keeps the encode/reuse counters honest.
 */
import { isCached, writeAtomically } from './cache.ts';
import { imageState } from './state.ts';

export interface EnsureGroup {
  /** Dedupe key: requests with the same key (same bytes, same width) share one job. */
  key: string;
  files: string[];
  /** Whether these are encodes (counted in the report) or plain copies (pass-through). */
  counted: boolean;
  /** Writes the `missing` files to the matching `temps` paths. Runs under the encode limit. */
  produce: (missing: string[], temps: string[]) => Promise<unknown>;
}

/**
 * Resolves once every file of the group is in the cache. Files already there cost a stat, not work;
 * the rest are produced together in ONE encode slot (so related outputs can share a decode).
 */
export function ensureFiles({ key, files, counted, produce }: EnsureGroup): Promise<void> {
  const state = imageState();
  const pending = state.encodes.get(key);
  if (pending) {
    // Another URL with identical bytes got here first: its work serves us too.
    if (counted) state.stats.reused += files.length;
    return pending;
  }
  const job = (async () => {
    const { cacheDir } = state.config;
    const present = await Promise.all(files.map((file) => isCached(cacheDir, file)));
    const missing = files.filter((_, i) => !present[i]);
    if (counted) state.stats.reused += files.length - missing.length;
    if (missing.length === 0) return;
    // The limit wraps only the CPU work: a slot must not sit idle through mkdir/rename syscalls.
    await writeAtomically(cacheDir, missing, (temps) => state.encodeLimit(() => produce(missing, temps)));
    if (counted) state.stats.encoded += missing.length;
  })();
  // A failed job is forgotten so a later call (a dev reload) can try again.
  job.catch(() => state.encodes.delete(key));
  state.encodes.set(key, job);
  return job;
}
