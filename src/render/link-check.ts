/**
 * Finds internal links in the built site that lead nowhere.
 *
 * Built to stay fast at 10,000 pages (about a second): the list of files in `dist/` is read once, and each
 * HTML file is read in chunks through a scanner that only looks at `<a>`, `<area>` and `<link>` start
 * tags: no DOM is built.
 */
import { open, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { decodeSafe } from './redirects.ts';

export interface BrokenLink {
  /** The link target, as written in the page (without query or fragment). */
  target: string;
  /** Site-relative URLs of the pages containing it. */
  pages: string[];
}

export interface LinkCheckOptions {
  /** Path prefixes that are not pages of this build (served by functions, redirects, the image stage...). */
  ignorePrefixes?: readonly string[];
  /** Files scanned in parallel. */
  concurrency?: number;
}

export const DEFAULT_IGNORED_PREFIXES = ['/_img/', '/_astro/', '/api/', '/.netlify/'];

const TAG = /<(?:a|area|link)\s[^>]*>/gi;
const HREF = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/** The internal (site-relative) link targets in a piece of HTML, query and fragment removed. */
export function internalLinks(html: string): string[] {
  const links: string[] = [];
  for (const [tag] of html.matchAll(TAG)) {
    const m = HREF.exec(tag);
    const raw = m?.[1] ?? m?.[2] ?? m?.[3];
    if (!raw) continue;
    const href = raw.trim().replace(/&amp;/g, '&');
    if (!href.startsWith('/') || href.startsWith('//')) continue;
    const path = href.split(/[?#]/, 1)[0] ?? '';
    if (path) links.push(decodeSafe(path));
  }
  return links;
}

const CHUNK = 64 * 1024;

/**
 * Reads one file in fixed-size chunks through `internalLinks`, carrying an unfinished tag over chunk
 * boundaries: memory stays bounded whatever the page size. (A plain read loop on a file handle, not
 * `createReadStream`, whose per-file setup cost doubled the time on 10,000 small pages.)
 */
async function linksInFile(file: string, buffer: Buffer): Promise<string[]> {
  const links: string[] = [];
  const decoder = new TextDecoder();
  const handle = await open(file, 'r');
  let carry = '';
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const text = carry + decoder.decode(buffer.subarray(0, bytesRead), { stream: true });
      const cut = text.lastIndexOf('<');
      // Everything before the last `<` is complete tags; the rest may be a tag cut in half.
      const done = cut >= 0 && text.indexOf('>', cut) === -1 ? cut : text.length;
      links.push(...internalLinks(text.slice(0, done)));
      carry = text.slice(done);
      if (carry.length > CHUNK) carry = ''; // a `<` that never closes: not a tag worth waiting for
    }
  } finally {
    await handle.close();
  }
  carry += decoder.decode();
  if (carry) links.push(...internalLinks(carry));
  return links;
}

/** Paths redirected by `_redirects` (exact paths, and `/prefix/*` splats). */
export function redirectSources(redirectsText: string): { exact: Set<string>; prefixes: string[] } {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const line of redirectsText.split('\n')) {
    const from = line.trim().split(/\s+/, 1)[0];
    if (!from || from.startsWith('#')) continue;
    if (from.endsWith('*')) prefixes.push(from.slice(0, -1));
    else exact.add(decodeSafe(from));
  }
  return { exact, prefixes };
}

export async function findBrokenLinks(distDir: string, options: LinkCheckOptions = {}): Promise<{ broken: BrokenLink[]; pagesScanned: number }> {
  const ignore = options.ignorePrefixes ?? DEFAULT_IGNORED_PREFIXES;
  const entries = await readdir(distDir, { recursive: true, withFileTypes: true });
  const files = new Set<string>();
  const htmlFiles: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const rel = `/${relative(distDir, full).split(sep).join('/')}`;
    files.add(rel);
    if (rel.endsWith('.html')) htmlFiles.push(full);
  }
  const redirects = files.has('/_redirects')
    ? redirectSources(await readFile(join(distDir, '_redirects'), 'utf8'))
    : { exact: new Set<string>(), prefixes: [] };

  const exists = (path: string): boolean => {
    if (ignore.some((prefix) => path.startsWith(prefix))) return true;
    if (redirects.exact.has(path) || redirects.prefixes.some((p) => path.startsWith(p))) return true;
    if (path.endsWith('/')) return files.has(`${path}index.html`);
    return files.has(path) || files.has(`${path}/index.html`) || files.has(`${path}.html`);
  };

  const broken = new Map<string, Set<string>>();
  let next = 0;
  const worker = async () => {
    const buffer = Buffer.allocUnsafe(CHUNK);
    while (next < htmlFiles.length) {
      const file = htmlFiles[next++]!;
      const page = pageUrlOf(relative(distDir, file).split(sep).join('/'));
      for (const target of new Set(await linksInFile(file, buffer))) {
        if (exists(target)) continue;
        let pages = broken.get(target);
        if (!pages) broken.set(target, (pages = new Set()));
        pages.add(page);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));
  return {
    broken: [...broken].map(([target, pages]) => ({ target, pages: [...pages].sort() })).sort((a, b) => (a.target < b.target ? -1 : 1)),
    pagesScanned: htmlFiles.length,
  };
}

/** `a/b/index.html` → `/a/b/`, `404.html` → `/404.html`. */
export function pageUrlOf(relPath: string): string {
  if (relPath === 'index.html') return '/';
  if (relPath.endsWith('/index.html')) return `/${relPath.slice(0, -'index.html'.length)}`;
  return `/${relPath}`;
}

export function formatBrokenLink(link: BrokenLink, maxPages = 3): string {
  const shown = link.pages.slice(0, maxPages).join(', ');
  const more = link.pages.length > maxPages ? ` and ${link.pages.length - maxPages} more page(s)` : '';
  return `${link.target} (linked from ${shown}${more})`;
}
