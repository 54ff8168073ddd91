/**
 * Child process of the bench: runs the project's Wagtail loaders (from a project copy) outside Astro,
 * against CMS_GRAPHQL_URL, and writes each collection's entries as JSON objects keyed by entry id, the
 * shape Astro's `file()` loader reads. The render floor (B0) builds from these files.
 *
 *   node scripts/bench/dump-entries.ts --root <project copy> --out <dir>
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as Wagtail from '../../src/wagtail/index.ts';
import { createLoaderContext } from '../../test/helpers/loader-context.ts';

const { values } = parseArgs({ options: { root: { type: 'string' }, out: { type: 'string' } } });
if (!values.root || !values.out) throw new Error('usage: dump-entries.ts --root DIR --out DIR');

const wagtail = (await import(pathToFileURL(join(values.root, 'src/wagtail/index.ts')).href)) as typeof Wagtail;
const loaders = {
  pages: wagtail.wagtailPagesLoader(),
  site: wagtail.wagtailSiteLoader(),
  redirects: wagtail.wagtailRedirectsLoader(),
};
await mkdir(values.out, { recursive: true });
const counts: Record<string, number> = {};
for (const [collection, loader] of Object.entries(loaders)) {
  const { context, entries, logs } = createLoaderContext(collection);
  await loader.load(context);
  for (const line of logs.warn) process.stderr.write(`[${collection}] ${line}\n`);
  const byId: Record<string, unknown> = {};
  for (const [id, entry] of entries) byId[id] = entry.data;
  counts[collection] = entries.size;
  await writeFile(join(values.out, `${collection}.json`), JSON.stringify(byId));
}
process.stdout.write(`${JSON.stringify(counts)}\n`);
