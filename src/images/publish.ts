/**
 * Getting variants to the browser: copied into `dist/_img/` after a build, served from the cache in dev.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { copyFile, link, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { contentTypeOf, variantFilePattern } from './cache.ts';
import { imageState } from './state.ts';

/**
 * Puts every variant the site shows (and only those: the cache holds every version ever made) into
 * `<outDir>/_img/`: the ones this build rendered, and the ones in pages Astro's incremental build restored
 * from the last build without rendering them. Hard links cost no bytes or time; across filesystems (a CI
 * cache volume) we copy.
 */
export async function publishUsedVariants(outDir: string): Promise<number> {
  const { config } = imageState();
  const used = new Set([...imageState().used, ...(await referencedVariants(outDir, config.publicPath))]);
  if (used.size === 0) return 0;
  const target = join(outDir, '_img');
  await mkdir(target, { recursive: true });
  const limit = pLimit(16);
  await Promise.all(
    [...used].map((file) =>
      limit(async () => {
        const from = join(config.cacheDir, file);
        const to = join(target, file);
        try {
          await link(from, to);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') return;
          if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP') await copyFile(from, to);
          else throw error;
        }
      }),
    ),
  );
  return used.size;
}

/** Variant files named in the built HTML (one regex pass per file; no DOM). */
async function referencedVariants(outDir: string, publicPath: string): Promise<Set<string>> {
  const found = new Set<string>();
  const prefix = new RegExp(`${publicPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([^"'\\s,)]+)`, 'g');
  const files = (await readdir(outDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name.endsWith('.html'));
  const limit = pLimit(16);
  await Promise.all(
    files.map((entry) =>
      limit(async () => {
        const html = await readFile(join(entry.parentPath, entry.name), 'utf8');
        for (const [, file] of html.matchAll(prefix)) if (file && variantFilePattern.test(file)) found.add(file);
      }),
    ),
  );
  return found;
}

type Next = (error?: unknown) => void;

/**
 * Dev-server middleware for `<publicPath><file>`, mounted by the integration at the public path (connect
 * strips the mount point, so `req.url` is `/<file>`). Names are content hashes, so caching is forever.
 */
export function serveVariants(req: IncomingMessage, res: ServerResponse, next: Next): void {
  // No URL-decoding: valid names contain no escapable characters, and anything else falls through.
  const file = (req.url ?? '').split('?')[0]!.replace(/^\/+/, '');
  // Only store-shaped names: nothing else under the cache dir (nor outside it) is reachable.
  const type = variantFilePattern.test(file) ? contentTypeOf(file) : undefined;
  if (!type || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
  readFile(join(imageState().config.cacheDir, file)).then(
    (body) => {
      res.setHeader('Content-Type', type);
      res.setHeader('Content-Length', body.byteLength);
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      // An SVG opened directly runs its scripts on the site's origin: CMS uploads must not.
      if (type === 'image/svg+xml')
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      res.end(req.method === 'HEAD' ? undefined : body);
    },
    () => next(),
  );
}
