/**
 * End to end through a real `astro build` of `fixture/`: the component renders in Astro's page bundle,
 * the integration runs in the config's module graph, and the two must meet (download dedupe across
 * pages, used variants published, report) through the globalThis registry.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMediaServer, type MediaServer } from './fixtures.ts';

const fixture = fileURLToPath(new URL('./fixture/', import.meta.url));
const astroBin = fileURLToPath(new URL('../../node_modules/astro/bin/astro.mjs', import.meta.url));
let media: MediaServer;
let work: string;

beforeAll(async () => {
  media = await startMediaServer();
  work = await mkdtemp(join(tmpdir(), 'wagtail-images-build-'));
});
afterAll(async () => {
  await media.close();
  await rm(work, { recursive: true, force: true });
  // Vite's dep cache and Astro's generated types land in the fixture root whatever cacheDir says.
  await rm(join(fixture, 'node_modules'), { recursive: true, force: true });
  await rm(join(fixture, '.astro'), { recursive: true, force: true });
});

async function build(): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [astroBin, 'build', '--root', fixture], {
    env: {
      ...process.env,
      MEDIA_ORIGIN: media.origin,
      FIXTURE_OUT_DIR: join(work, 'dist'),
      FIXTURE_CACHE_DIR: join(work, 'astro-cache'),
      IMAGE_CACHE_DIR: '',
      NO_COLOR: '1',
    },
  });
  return stdout + stderr;
}

it('builds pages with cached, published variants; a second build encodes nothing', { timeout: 120_000 }, async () => {
  const cold = await build();
  expect(cold).toMatch(/4 images \(1 passed through, 1 failed\), 3 downloads .*variants: 16 encoded, 0 reused/);
  // Both pages use large.jpg and missing.jpg: one request each for the whole build.
  expect(media.hits.get('/media/large.jpg')).toBe(1);
  expect(media.hits.get('/media/missing.jpg')).toBe(1);
  expect(cold.match(/could not be processed/g)).toHaveLength(1);
  expect(cold).toMatch(
    /fell back to the original URL: \S+\/media\/missing\.jpg on \/(other\/)?, \/(other\/)? \(HTTP 404/,
  );

  // The cache holds the variants and the source index (sources.json); only variants are published.
  const cacheFiles = await readdir(join(work, 'astro-cache', 'wagtail-images'));
  expect(cacheFiles).toContain('sources.json');
  const cached = cacheFiles.filter((file) => file !== 'sources.json');
  const published = await readdir(join(work, 'dist', '_img'));
  expect(published.sort()).toEqual(cached.sort());
  expect(published).toHaveLength(17);

  const home = await readFile(join(work, 'dist', 'index.html'), 'utf8');
  const referenced = new Set([...home.matchAll(/\/_img\/([0-9a-f]{16}-\d+\.\w+)/g)].map((m) => m[1]));
  expect([...referenced].sort()).toEqual(published.sort());
  expect(home).toContain('loading="eager" decoding="async" fetchpriority="high"');
  expect(home).toContain(`<img src="${media.origin}/media/missing.jpg" width="640" height="480"`);
  const other = await readFile(join(work, 'dist', 'other', 'index.html'), 'utf8');
  expect(other).not.toContain('<script>alert(1)');

  const warm = await build();
  expect(warm).toMatch(/variants: 0 encoded, 16 reused/);
  // Every cached source is known from the source index: the warm build downloads nothing it can reuse.
  expect(media.hits.get('/media/large.jpg')).toBe(1);
  expect((await readdir(join(work, 'dist', '_img'))).sort()).toEqual(published.sort());
});
