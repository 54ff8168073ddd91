/**
 * Writes `dist/_headers` with the Content-Security-Policy of the built site (src/render/csp.ts). It lives
 * beside netlify.toml's static headers because it depends on the content: the CMS's host for images and
 * documents, the hosts of embedded videos. The draft preview sets its own policy (src/pages/preview.astro).
 */
import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectSources, emptySources, formatCsp } from '../render/csp.ts';

export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'wagtail-csp',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const sources = emptySources();
        const entries = await readdir(root, { recursive: true, withFileTypes: true });
        const files = entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
        for (const file of files) collectSources(await readFile(file, 'utf8'), sources);
        const policy = formatCsp(sources);
        await writeFile(join(root, '_headers'), `# Generated at build time from the built pages (src/integrations/csp.ts).\n/*\n  Content-Security-Policy: ${policy}\n`);
        logger.info(`Content-Security-Policy for ${files.length} pages: ${policy}`);
      },
    },
  };
}
