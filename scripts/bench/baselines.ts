/**
 * The two baselines every workload is measured against, in the same bench run:
 *
 * - B0, the render floor: Astro building the same pages from local JSON, no fetching. A second project
 *   copy whose `src/content.config.ts` reads the entries (dumped once by the project's own loaders from
 *   the same CMS) through Astro's `file()` loader with the same schemas. The CMS keeps running because
 *   image sources are still downloaded from it, as in the real build; the image cache is emptied before
 *   every B0 run, so B0 does the same image work as a cold build and B0 + fetch bound is like for like.
 * - B1, the naive build: the same project with CMS_CONCURRENCY=1 CMS_BATCH_SIZE=1, i.e. one page per
 *   request and one request at a time, the network pattern of the tutorial approach (list the pages,
 *   then `await` each page's query in a loop), with the same templates: the difference is the fetching
 *   strategy alone.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CmsProcess } from './cms-process.ts';
import { runJsonChild } from './json-child.ts';
import { copyProject } from './project-copy.ts';

export const NAIVE_ENV = { CMS_CONCURRENCY: '1', CMS_BATCH_SIZE: '1' } as const;

export const NAIVE_NOTE =
  'B1 (naive) = the same project with CMS_CONCURRENCY=1 CMS_BATCH_SIZE=1: one page per request, one request at a time (the tutorial pattern), same templates, image cache warm (compared with the warm-images build).';
export const FLOOR_NOTE =
  "B0 (render floor) = the same pages from local JSON through Astro's file() loader, no GraphQL; images still come from the CMS with an empty image cache, like a cold build.";

const DUMP_SCRIPT = fileURLToPath(new URL('./dump-entries.ts', import.meta.url));

const FLOOR_CONFIG = `/** Written by scripts/bench: the render floor reads the dumped entries, no fetching. */
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { pageSchema, redirectSchema, siteSchema } from './wagtail/schema.ts';

export const collections = {
  pages: defineCollection({ loader: file('bench-data/pages.json'), schema: pageSchema }),
  site: defineCollection({ loader: file('bench-data/site.json'), schema: siteSchema }),
  redirects: defineCollection({ loader: file('bench-data/redirects.json'), schema: redirectSchema }),
};
`;

export interface FloorProject {
  project: string;
  dataDir: string;
  counts: Record<string, number>;
}

/** Copies `snapshot` to `target`, dumps the CMS's entries into it and points its collections at them. */
export async function prepareFloorProject(snapshot: string, target: string, cms: CmsProcess): Promise<FloorProject> {
  await copyProject(target, snapshot);
  const dataDir = join(target, 'bench-data');
  const counts = await dumpEntries(snapshot, dataDir, cms.url);
  await writeFile(join(target, 'src', 'content.config.ts'), FLOOR_CONFIG);
  return { project: target, dataDir, counts };
}

function dumpEntries(snapshot: string, out: string, endpoint: string): Promise<Record<string, number>> {
  return runJsonChild(DUMP_SCRIPT, ['--root', snapshot, '--out', out], { CMS_GRAPHQL_URL: endpoint }, 'dumping the entries');
}
