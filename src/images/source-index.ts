/**
 * The cache by source: what each source URL produced last time, so a build whose variants are all still
 * in the cache skips the download too (the content hash needs the bytes, and re-downloading every source
 * to learn it again was most of a warm build's image time).
 *
 * Keying by URL is safe for Wagtail: an edited image gets a new file name, and rendition names derive
 * from it. A CMS that serves new bytes at an old URL needs its cache dir cleared (or IMAGE_CACHE_DIR moved).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isCached } from './cache.ts';
import { imageState } from './state.ts';
import type { ProcessedImage } from './types.ts';

const FILE = 'sources.json';
const VERSION = 1;

export interface IndexedSource {
  result: ProcessedImage;
  /** Cache files the result names: all must still exist for the entry to be reused. */
  files: string[];
}

interface IndexFile {
  version: number;
  /** Results embed public URLs: another public path invalidates them all. */
  publicPath: string;
  sources: Record<string, IndexedSource>;
}

function load(): Promise<Map<string, IndexedSource>> {
  const state = imageState();
  state.sourceIndex ??= (async () => {
    const { cacheDir, publicPath } = imageState().config;
    try {
      const index = JSON.parse(await readFile(join(cacheDir, FILE), 'utf8')) as IndexFile;
      if (index.version === VERSION && index.publicPath === publicPath) return new Map(Object.entries(index.sources));
    } catch {
      // No index yet (or an unreadable one): every source is downloaded, and the index written afresh.
    }
    return new Map<string, IndexedSource>();
  })();
  return state.sourceIndex;
}

/** Last build's result for `url`, if every file it names is still cached. */
export async function lookupSource(url: string): Promise<IndexedSource | undefined> {
  const entry = (await load()).get(url);
  if (!entry) return undefined;
  const { cacheDir } = imageState().config;
  const present = await Promise.all(entry.files.map((file) => isCached(cacheDir, file)));
  return present.every(Boolean) ? entry : undefined;
}

export async function recordSource(url: string, entry: IndexedSource): Promise<void> {
  (await load()).set(url, entry);
}

/** Writes the index next to the variants (atomically: a killed build leaves the old one). */
export async function saveSourceIndex(): Promise<void> {
  const { sourceIndex, config } = imageState();
  if (!sourceIndex) return;
  const { cacheDir, publicPath } = config;
  const index: IndexFile = { version: VERSION, publicPath, sources: Object.fromEntries(await sourceIndex) };
  const path = join(cacheDir, FILE);
  await mkdir(cacheDir, { recursive: true });
  await writeFile(`${path}.tmp`, JSON.stringify(index));
  await rename(`${path}.tmp`, path);
}
