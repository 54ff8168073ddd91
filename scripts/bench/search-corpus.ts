/**
 * Page entries for the search benchmark, made by the real path: the pages loader syncs a synthetic site
 * from the in-process demo CMS into an in-memory store, so the records indexed are exactly the ones a
 * build produces. A sync of 10k pages takes a while, so the entries are cached on disk per page count
 * and seed (delete the cache directory after changing the loader or the CMS).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startCms } from '../../cms/server.ts';
import { wagtailPagesLoader } from '../../src/wagtail/index.ts';
import type { Page } from '../../src/wagtail/schema.ts';
import { createLoaderContext } from '../../test/helpers/loader-context.ts';

const CACHE_DIR = join(import.meta.dirname, '../../node_modules/.cache/search-bench');

export async function syntheticPages(count: number, seed = 1): Promise<Page[]> {
  const file = join(CACHE_DIR, `pages-${count}-${seed}.json`);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Page[];
  } catch {
    // Not cached yet: sync below.
  }
  const cms = await startCms({ port: 0, content: { synthetic: { pages: count, seed } } });
  try {
    const { context, entries } = createLoaderContext();
    await wagtailPagesLoader({ endpoint: cms.url, concurrency: 8, batchSize: 50 }).load(context);
    const pages = [...entries.values()].map((entry) => entry.data as unknown as Page);
    await mkdir(CACHE_DIR, { recursive: true });
    await writeFile(file, JSON.stringify(pages));
    return pages;
  } finally {
    await cms.close();
  }
}
