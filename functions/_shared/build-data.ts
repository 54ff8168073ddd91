/**
 * Files the build leaves for the functions (`functions/_generated/`): read once per instance, and again
 * only when the file changes (under `astro dev` a content refresh rewrites them while functions run).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDataDir } from './env.ts';

export class BuildDataError extends Error {
  constructor(file: string, why: string) {
    super(`${file} ${why}. It is written by the site build: run \`npm run build\` (or \`npm run dev\`) first.`);
    this.name = 'BuildDataError';
  }
}

interface Cached<T> {
  path: string;
  mtimeMs: number;
  value: T;
}

/** A loader for one build-data file: `parse` turns its text into the value (and throws on a bad file). */
export function buildDataFile<T>(name: string, parse: (text: string, path: string) => T): () => T {
  let cached: Cached<T> | null = null;
  return () => {
    const path = join(buildDataDir(), name);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(path).mtimeMs;
    } catch {
      throw new BuildDataError(path, 'is missing');
    }
    if (cached?.path !== path || cached.mtimeMs !== mtimeMs) {
      cached = { path, mtimeMs, value: parse(readFileSync(path, 'utf8'), path) };
    }
    return cached.value;
  };
}
