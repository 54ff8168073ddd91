/**
 * Builds real sites with `astro build` against the demo CMS and checks what a visitor and a crawler get:
 * the demo site (every page, images, sitemap, redirects, links) and, for generality, a site whose page types
 * and blocks the project has never seen.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type CmsHandle } from '../../cms/server.ts';
import type { PageRecord } from '../../cms/content/types.ts';
import { buildSite, type BuildResult } from '../helpers/build-site.ts';
import { htmlText } from '../helpers/html-text.ts';

const SITE_URL = 'https://huts.example.org';

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.html')).map((e) => join(e.parentPath, e.name));
}

const pageFile = (outDir: string, url: string): string => join(outDir, url, 'index.html');

/** The first paragraph of rich text anywhere in a page's stored fields: body text the page must show. */
function firstParagraph(value: unknown): string | null {
  if (typeof value === 'string') {
    const match = /<p[^>]*>([\s\S]*?)<\/p>/.exec(value);
    return match ? htmlText(match[1] ?? '') : null;
  }
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) {
      const found = firstParagraph(inner);
      if (found) return found;
    }
  }
  return null;
}

async function setup(options: Parameters<typeof startCms>[0]) {
  const cms = await startCms({ port: 0, ...options });
  const outDir = await mkdtemp(join(tmpdir(), 'wagtail-astro-build-'));
  // Each suite gets its own Astro cache (content store, incremental manifest, images): no cross-talk.
  const env = { CMS_GRAPHQL_URL: cms.url, SITE_URL, LINK_CHECK: 'error', ASTRO_CACHE_DIR: join(outDir, '.cache') };
  const build = await buildSite(env, join(outDir, 'dist'));
  const pages = cms.store.livePages().filter((p) => cms.store.url(p)?.startsWith('/'));
  return { cms, outDir: join(outDir, 'dist'), root: outDir, env, build, pages };
}

describe('the demo site build', () => {
  let cms: CmsHandle;
  let outDir: string;
  let build: BuildResult;
  let pages: PageRecord[];

  beforeAll(async () => {
    ({ cms, outDir, build, pages } = await setup({ content: 'demo' }));
    if (build.code !== 0) throw new Error(`astro build failed:\n${build.output.slice(-6000)}`);
  }, 600_000);
  afterAll(async () => {
    await cms?.close();
    if (outDir) await rm(join(outDir, '..'), { recursive: true, force: true });
  });

  it('writes an HTML file for every live CMS page, with its title and body text', async () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
    for (const page of pages) {
      const url = cms.store.url(page) as string;
      const file = pageFile(outDir, url);
      expect(existsSync(file), `${url} was not built`).toBe(true);
      const text = htmlText(await readFile(file, 'utf8'));
      expect(text, `${url} lacks its title`).toContain(page.title);
      const paragraph = firstParagraph(page.fields);
      if (paragraph) expect(text, `${url} lacks its body text`).toContain(paragraph.slice(0, 60));
    }
  });

  it('gives every image width, height and alt, and responsive srcsets from the sharp stage', async () => {
    let pictures = 0;
    for (const file of await htmlFiles(outDir)) {
      const html = await readFile(file, 'utf8');
      for (const tag of html.match(/<img\b[^>]*>/g) ?? []) {
        expect(tag, `${file}: ${tag}`).toMatch(/\bwidth="\d+"/);
        expect(tag, `${file}: ${tag}`).toMatch(/\bheight="\d+"/);
        expect(tag, `${file}: ${tag}`).toMatch(/\balt="/);
      }
      for (const picture of html.match(/<picture\b[\s\S]*?<\/picture>/g) ?? []) {
        pictures++;
        expect(picture).toMatch(/<source[^>]+type="image\/webp"[^>]+srcset="\/_img\/[^"]+ \d+w/);
        expect(picture).toMatch(/<img[^>]+srcset="\/_img\//);
      }
    }
    expect(pictures).toBeGreaterThan(15);
    const published = await readdir(join(outDir, '_img'));
    expect(published.some((f) => f.endsWith('.webp'))).toBe(true);
  });

  it('lists every page in the sitemap with absolute URLs', async () => {
    const sitemap = await readFile(join(outDir, 'sitemap.xml'), 'utf8');
    const locs = new Set([...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
    expect(locs).toEqual(new Set(pages.map((p) => `${SITE_URL}${cms.store.url(p)}`)));
  });

  it('turns every Wagtail redirect into a _redirects rule with its status', async () => {
    const response = await fetch(cms.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ redirects { oldPath newUrl isPermanent page { url } } }' }),
    });
    const { data } = (await response.json()) as {
      data: { redirects: Array<{ oldPath: string; newUrl: string | null; isPermanent: boolean; page: { url: string } | null }> };
    };
    expect(data.redirects.some((r) => r.isPermanent)).toBe(true);
    expect(data.redirects.some((r) => !r.isPermanent)).toBe(true);
    const rules = (await readFile(join(outDir, '_redirects'), 'utf8')).split('\n').map((l) => l.trim().split(/\s+/));
    for (const redirect of data.redirects) {
      const target = redirect.newUrl ?? redirect.page?.url;
      const status = redirect.isPermanent ? '301' : '302';
      expect(rules, `${redirect.oldPath} → ${target}`).toContainEqual([redirect.oldPath, target, status]);
    }
  });

  it('has no internal link to a page that does not exist', async () => {
    const redirects = new Set(
      (await readFile(join(outDir, '_redirects'), 'utf8')).split('\n').map((l) => l.trim().split(/\s+/)[0]),
    );
    const broken: string[] = [];
    for (const file of await htmlFiles(outDir)) {
      const html = await readFile(file, 'utf8');
      for (const [, href] of html.matchAll(/\shref="(\/[^"#?]*)/g)) {
        const path = decodeURIComponent(href as string);
        const exists = existsSync(join(outDir, path)) || existsSync(join(outDir, path, 'index.html')) || redirects.has(path);
        if (!exists) broken.push(`${file.slice(outDir.length)} → ${path}`);
      }
    }
    expect(broken).toEqual([]);
    expect(build.output).toContain('No broken internal links');
  });

  it('ships the site files: robots.txt, RSS of articles, and a 404 page', async () => {
    expect(await readFile(join(outDir, 'robots.txt'), 'utf8')).toContain(`Sitemap: ${SITE_URL}/sitemap.xml`);
    const rss = await readFile(join(outDir, 'rss.xml'), 'utf8');
    expect(rss.match(/<item>/g)?.length).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(outDir, '404.html'))).toBe(true);
  });

  it('prints the sync report; only pages with an island load a script, one module each', async () => {
    expect(build.output).toMatch(/Synced \d+ pages in [\d.]+ s/);
    let islands = 0;
    for (const file of await htmlFiles(outDir)) {
      const html = await readFile(file, 'utf8');
      const scripts = html.match(/<script(?![^>]*type="application\/ld\+json")[^>]*>/g) ?? [];
      const island = /<(site-comments|site-search|moderation-queue)[\s>]/.test(html);
      if (island) islands++;
      expect(scripts.length, file).toBe(island ? 1 : 0);
      for (const tag of scripts) expect(tag, file).toMatch(/type="module"/);
    }
    expect(islands).toBeGreaterThan(0);
  });

  it('puts the comments section on article pages only, and hands the functions their data outside dist/', async () => {
    const sitePages = JSON.parse(await readFile(`${outDir}-functions-data/pages.json`, 'utf8')) as {
      pages: Record<string, { url: string; contentType: string; comments: boolean }>;
    };
    expect(Object.keys(sitePages.pages).length).toBe(pages.length);
    for (const page of pages) {
      const listed = sitePages.pages[String(page.id)];
      const where = `page ${page.id} (${page.type})`;
      expect(listed?.comments, where).toBe(page.type === 'ArticlePage');
      const html = await readFile(pageFile(outDir, listed?.url ?? ''), 'utf8');
      expect(html.includes('id="comments"'), where).toBe(listed?.comments);
    }
    expect(existsSync(`${outDir}-functions-data/search-index.txt`)).toBe(true);
    expect(existsSync(join(outDir, 'functions-data'))).toBe(false);
  });
});

describe('generality: a site with page types and blocks the project has no code for', () => {
  let cms: CmsHandle;
  let outDir: string;
  let build: BuildResult;
  let pages: PageRecord[];

  beforeAll(async () => {
    ({ cms, outDir, build, pages } = await setup({ schema: 'alt', content: { synthetic: { pages: 60, seed: 4 } } }));
  }, 600_000);
  afterAll(async () => {
    await cms?.close();
    if (outDir) await rm(join(outDir, '..'), { recursive: true, force: true });
  });

  it('builds with no code change', () => {
    expect(build.code, build.output.slice(-4000)).toBe(0);
  });

  it('renders every page through the generic template, with its title and body text', async () => {
    const types = new Set(pages.map((p) => p.type));
    expect(types.size).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      const url = cms.store.url(page) as string;
      const html = await readFile(pageFile(outDir, url), 'utf8');
      expect(html, `${url} not rendered generically`).toContain('page-generic');
      const text = htmlText(html);
      expect(text).toContain(page.title);
      const paragraph = firstParagraph(page.fields);
      if (paragraph) expect(text, `${url} lacks its body text`).toContain(paragraph.slice(0, 60));
    }
  });
});

describe('incremental rebuilds of the demo site', () => {
  let cms: CmsHandle;
  let outDir: string;
  let env: Record<string, string>;

  /** Routes of `[...path].astro` rendered vs restored from the last build, from Astro's own log lines. */
  const routeLines = (output: string) => {
    // The site's own pages (/search/, /moderate/) have no cache key and render every time; only CMS pages count.
    const lines = output.split('\n').filter((l) => /├─ \/.*index\.html/.test(l) && !/\/page\/|├─ \/(search|moderate)\//.test(l));
    return { restored: lines.filter((l) => /\((restored|cached)\)/.test(l)).length, rendered: lines.filter((l) => /\(\+\d/.test(l)).length };
  };
  const rebuild = async () => {
    const result = await buildSite(env, outDir);
    if (result.code !== 0) throw new Error(result.output.slice(-4000));
    return result;
  };

  beforeAll(async () => {
    let build: BuildResult;
    ({ cms, outDir, env, build } = await setup({ content: 'demo' }));
    if (build.code !== 0) throw new Error(build.output.slice(-4000));
  }, 600_000);
  afterAll(async () => {
    await cms?.close();
    if (outDir) await rm(join(outDir, '..'), { recursive: true, force: true });
  });

  it('restores every page when nothing changed, images included', async () => {
    const { output } = await rebuild();
    expect(output).toMatch(/0 fetched/);
    const { restored, rendered } = routeLines(output);
    expect(rendered).toBe(0);
    expect(restored).toBeGreaterThanOrEqual(40);
    for (const file of await htmlFiles(outDir)) {
      for (const [, variant] of (await readFile(file, 'utf8')).matchAll(/\/_img\/([^"'\s,)]+)/g)) {
        expect(existsSync(join(outDir, '_img', variant as string)), `${variant} missing for ${file}`).toBe(true);
      }
    }
  }, 300_000);

  it('renders only the edited page and the few that show it', async () => {
    const article = cms.store.livePages().find((p) => cms.store.url(p) === '/journal/tarnside-footbridge/')!;
    cms.content.updatePage(article.id, { searchDescription: 'A brand-new summary, written between two builds.' });
    const { output } = await rebuild();
    expect(output).toMatch(/1 fetched/);
    const { rendered, restored } = routeLines(output);
    expect(rendered).toBeGreaterThanOrEqual(1);
    expect(rendered).toBeLessThanOrEqual(4); // the article, its section's listing, the home page's latest articles
    expect(restored).toBeGreaterThanOrEqual(40);
    const html = await readFile(pageFile(outDir, '/journal/tarnside-footbridge/'), 'utf8');
    expect(html).toContain('A brand-new summary, written between two builds.');
  }, 300_000);

  it('removes a deleted page from dist/ and the sitemap', async () => {
    const gone = cms.store.livePages().find((p) => cms.store.url(p) === '/events/full-moon-walk/')!;
    cms.content.deletePage(gone.id);
    await rebuild();
    expect(existsSync(pageFile(outDir, '/events/full-moon-walk/'))).toBe(false);
    expect(await readFile(join(outDir, 'sitemap.xml'), 'utf8')).not.toContain('/events/full-moon-walk/');
  }, 300_000);
});
