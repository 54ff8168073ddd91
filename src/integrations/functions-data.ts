/**
 * Hands the functions their build data. The files are rendered by `src/pages/functions-data/[file].ts`;
 * after a build they are moved out of the published site into `functions/_generated/` (bundled with the
 * functions through `included_files`), and under `astro dev` they are fetched from the dev server once
 * it listens, so local functions search and check pages against the content being previewed.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataDir } from '../../functions/_shared/env.ts';
import { SEARCH_INDEX_FILE } from '../../functions/_shared/search-index.ts';
import { SITE_PAGES_FILE } from '../../functions/_shared/site-pages.ts';

const ROUTE = 'functions-data';
const FILES = [SITE_PAGES_FILE, SEARCH_INDEX_FILE];

export function functionsData(): AstroIntegration {
  // The functions read from the same place (`FUNCTIONS_DATA_DIR`, default functions/_generated).
  const target = buildDataDir();
  return {
    name: 'functions-data',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const rendered = join(fileURLToPath(dir), ROUTE);
        await mkdir(target, { recursive: true });
        for (const name of await readdir(rendered)) await rename(join(rendered, name), join(target, name));
        await rm(rendered, { recursive: true, force: true });
        await report(target, logger);
      },
      'astro:server:start': ({ address, logger }) => {
        const origin = `http://localhost:${address.port}`;
        // Not awaited: the first fetch waits for the content sync, and the dev server should not.
        void refreshFunctionsData(origin, target).then(
          () => report(target, logger),
          (error: unknown) => logger.warn(`Could not write the functions' data (${error instanceof Error ? error.message : String(error)}); comments and search will not work until it is.`),
        );
      },
    },
  };
}

/** Fetches the files from a running dev server and writes them where the functions read them. */
export async function refreshFunctionsData(origin: string, target: string): Promise<void> {
  await mkdir(target, { recursive: true });
  for (const name of FILES) {
    const response = await fetch(`${origin}/${ROUTE}/${name}`);
    if (!response.ok) throw new Error(`GET /${ROUTE}/${name} answered ${response.status}`);
    await writeFile(join(target, name), await response.text());
  }
}

async function report(target: string, logger: AstroIntegrationLogger): Promise<void> {
  const sizes = await Promise.all(FILES.map(async (name) => `${name} (${((await stat(join(target, name))).size / 1024).toFixed(0)} KB)`));
  logger.info(`Functions data in ${relative(process.cwd(), target) || '.'}: ${sizes.join(', ')}`);
}
