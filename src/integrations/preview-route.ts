/**
 * Keeps the Netlify adapter's function to the one on-demand route, `/preview`. The adapter routes every
 * path that is not a static file to its function (`path: '/*'`), and a function route wins over
 * `_redirects` on Netlify: Wagtail's redirects would stop working and every 404 would run a function.
 * Astro runs the adapter's hooks before other integrations', so the function is written by the time this runs.
 */
import type { AstroIntegration } from 'astro';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const PREVIEW_PATH = '/preview';

export function previewRoute(): AstroIntegration {
  let root: URL;
  return {
    name: 'wagtail-preview-route',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:build:done': async ({ logger }) => {
        const file = fileURLToPath(new URL('.netlify/v1/functions/ssr/ssr.mjs', root));
        let source: string;
        try {
          source = await readFile(file, 'utf8');
        } catch {
          return; // no on-demand route was built
        }
        const catchAll = /path: '\/\*',/;
        if (!catchAll.test(source)) {
          throw new Error(`${file} has no "path: '/*'" to narrow to ${PREVIEW_PATH}: the Netlify adapter changed how it writes its function. Update src/integrations/preview-route.ts.`);
        }
        // wagtail-headless-preview adds a trailing slash unless told not to (ENFORCE_TRAILING_SLASH).
        await writeFile(file, source.replace(catchAll, `path: ['${PREVIEW_PATH}', '${PREVIEW_PATH}/'],`));
        logger.info(`The on-demand function answers ${PREVIEW_PATH} only; every other path is a static file or a redirect.`);
      },
    },
  };
}
