import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  configureImages,
  imageState,
  processImage,
  resetImageState,
  saveSourceIndex,
  type ProcessedImage,
} from '../../src/images/index.ts';
import { startMediaServer, type MediaServer } from './fixtures.ts';

let server: MediaServer;
let cacheDir: string;
const warnings: string[] = [];
const logger = { warn: (message: string) => warnings.push(message), info: () => {} };
const url = (path: string) => `${server.origin}${path}`;

beforeAll(async () => {
  server = await startMediaServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'wagtail-images-'));
  configureImages({ cacheDir, publicPath: '/_img/', timeoutMs: 2_000, retries: 2, rememberFailures: true }, logger);
  resetImageState();
  server.hits.clear();
  warnings.length = 0;
  return () => rm(cacheDir, { recursive: true, force: true });
});

/** Widths and formats of the files a srcset points at, read back from the cache with sharp. */
async function describeSrcset(srcset: string): Promise<Array<{ width: number; declared: number; format: string }>> {
  return Promise.all(
    srcset.split(', ').map(async (entry) => {
      const [src = '', descriptor = ''] = entry.split(' ');
      const meta = await sharp(join(cacheDir, src.replace('/_img/', ''))).metadata();
      return { width: meta.width, declared: Number.parseInt(descriptor, 10), format: meta.format };
    }),
  );
}

function responsive(image: ProcessedImage) {
  if (image.status !== 'responsive') throw new Error(`expected variants, got ${image.status}`);
  return image;
}

describe('processImage', () => {
  it('downloads a source once, even when 20 renders ask for it at the same time', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => processImage(url('/media/large.jpg'))));
    expect(server.hits.get('/media/large.jpg')).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(imageState().stats).toMatchObject({ images: 1, downloads: 1, encoded: 10 });
  });

  it('makes WebP and JPEG variants at the configured widths for a large photo', async () => {
    const image = responsive(await processImage(url('/media/large.jpg')));
    expect([image.width, image.height]).toEqual([2400, 1600]);
    expect(image.sources).toHaveLength(1);
    expect(image.sources[0]!.type).toBe('image/webp');
    expect(image.fallback.type).toBe('image/jpeg');
    const webp = await describeSrcset(image.sources[0]!.srcset);
    const jpeg = await describeSrcset(image.fallback.srcset);
    expect(webp.map((v) => v.width)).toEqual([320, 640, 960, 1280, 1600]);
    expect(webp.every((v) => v.format === 'webp' && v.width === v.declared)).toBe(true);
    expect(jpeg.map((v) => v.width)).toEqual([320, 640, 960, 1280, 1600]);
    expect(jpeg.every((v) => v.format === 'jpeg' && v.width === v.declared)).toBe(true);
    expect(image.fallback.src).toMatch(/^\/_img\/[0-9a-f]{16}-1600\.jpg$/);
  });

  it('never upscales, and ends the set at the source width', async () => {
    const small = responsive(await processImage(url('/media/small.jpg')));
    expect((await describeSrcset(small.sources[0]!.srcset)).map((v) => v.width)).toEqual([200]);
    const mid = responsive(await processImage(url('/media/mid.jpg')));
    // 960 is within 10% of 1000: dropped in favour of the source width.
    expect((await describeSrcset(mid.fallback.srcset)).map((v) => v.width)).toEqual([320, 640, 1000]);
  });

  it('keeps transparency: PNG fallback for a source with alpha', async () => {
    const image = responsive(await processImage(url('/media/alpha.png')));
    expect(image.fallback.type).toBe('image/png');
    const png = await describeSrcset(image.fallback.srcset);
    expect(png.map((v) => [v.width, v.format])).toEqual([
      [320, 'png'],
      [640, 'png'],
      [800, 'png'],
    ]);
    const webpFile = image.sources[0]!.srcset.split(' ')[0]!.replace('/_img/', '');
    expect((await sharp(join(cacheDir, webpFile)).metadata()).hasAlpha).toBe(true);
  });

  it('applies EXIF orientation to the reported size', async () => {
    const image = responsive(await processImage(url('/media/rotated.jpg')));
    expect([image.width, image.height]).toEqual([200, 300]);
  });

  it('does zero encodes on a second build against the same cache', async () => {
    const paths = ['/media/large.jpg', '/media/alpha.png', '/media/small.jpg'];
    const cold = await Promise.all(paths.map((p) => processImage(url(p))));
    const coldEncodes = imageState().stats.encoded;
    expect(coldEncodes).toBe(10 + 6 + 2);
    await saveSourceIndex(); // what the integration does at astro:build:done
    resetImageState(); // ... and at astro:build:start
    const warm = await Promise.all(paths.map((p) => processImage(url(p))));
    // Every variant of every source is cached: the source index answers without downloading.
    expect(imageState().stats).toMatchObject({ encoded: 0, reused: coldEncodes, downloads: 0, fromIndex: 3 });
    expect(server.hits.get('/media/large.jpg')).toBe(1);
    expect(warm).toEqual(cold);
    // Without the index (a fresh cache dir's first build, or a lost index) the bytes are hashed again.
    await rm(join(cacheDir, 'sources.json'));
    resetImageState();
    expect(await Promise.all(paths.map((p) => processImage(url(p))))).toEqual(cold);
    expect(imageState().stats).toMatchObject({ encoded: 0, downloads: 3, fromIndex: 0 });
  });

  it('re-encodes only the variant missing from a partly pruned cache', async () => {
    const image = responsive(await processImage(url('/media/small.jpg')));
    await rm(join(cacheDir, image.fallback.src.replace('/_img/', '')));
    resetImageState();
    expect(await processImage(url('/media/small.jpg'))).toEqual(image);
    expect(imageState().stats).toMatchObject({ encoded: 1, reused: 1 });
  });

  it('shares variant files between URLs with identical bytes', async () => {
    const [a, b] = await Promise.all([
      processImage(url('/media/large.jpg')),
      processImage(url('/media/large-copy.jpg')),
    ]);
    expect(a).toEqual(b);
    expect(imageState().stats).toMatchObject({ downloads: 2, encoded: 10, reused: 10 });
  });

  it('passes SVG and GIF through byte for byte, without raster variants', async () => {
    const svg = await processImage(url('/media/logo.svg'));
    expect(svg).toMatchObject({
      status: 'passthrough',
      width: 120,
      height: 60,
      sources: [],
      fallback: { type: 'image/svg+xml' },
    });
    const gif = await processImage(url('/media/anim.gif'));
    expect(gif).toMatchObject({ status: 'passthrough', width: 64, height: 48, fallback: { type: 'image/gif' } });
    expect((await readdir(cacheDir)).sort()).toEqual(
      [gif.fallback.src, svg.fallback.src].map((s) => s.replace('/_img/', '')).sort(),
    );
    expect(imageState().stats.encoded).toBe(0);
  });

  it('retries 5xx responses with backoff', async () => {
    const image = await processImage(url('/media/flaky.jpg'));
    expect(image.status).toBe('responsive');
    expect(server.hits.get('/media/flaky.jpg')).toBe(3);
    expect(warnings).toEqual([]);
  });

  it('falls back to the original URL with one warning for a 404, naming the URL and the page', async () => {
    const src = url('/media/missing.jpg');
    const first = await processImage(src, { width: 640, height: 480, context: '/blog/first/' });
    const again = await processImage(src, { width: 640, height: 480, context: '/blog/second/' });
    expect(first).toEqual({
      status: 'failed',
      width: 640,
      height: 480,
      sources: [],
      fallback: { src },
      reason: 'HTTP 404 Not Found',
    });
    expect(again).toEqual(first);
    expect(server.hits.get('/media/missing.jpg')).toBe(1); // a 404 is not retried
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(src);
    expect(warnings[0]).toContain('/blog/first/');
    expect(warnings[0]).toContain('HTTP 404');
    expect([...imageState().failures.get(src)!.contexts]).toEqual(['/blog/first/', '/blog/second/']);
  });

  it('tries a failed URL again on the next request in dev (rememberFailures off)', async () => {
    configureImages({ rememberFailures: false });
    await processImage(url('/media/missing.jpg'));
    await processImage(url('/media/missing.jpg'));
    expect(server.hits.get('/media/missing.jpg')).toBe(2);
  });

  it('falls back for bytes that are not an image', async () => {
    const src = url('/media/corrupt.jpg');
    const image = await processImage(src, { width: 300, height: 200, context: '/p/' });
    expect(image).toMatchObject({ status: 'failed', width: 300, height: 200, fallback: { src } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/corrupt\.jpg.*cannot decode/);
    expect(imageState().used.size).toBe(0);
  });

  it('gives up on a host that never answers, after the timeout and retries', async () => {
    configureImages({ timeoutMs: 150, retries: 1 });
    const image = await processImage(url('/media/hang.jpg'), { width: 10, height: 10 });
    expect(image.status).toBe('failed');
    expect(server.hits.get('/media/hang.jpg')).toBe(2);
    expect(warnings[0]).toMatch(/timed out after 150 ms \(after 2 attempts\)/);
  });

  it('refuses a source over the size limit even when it declares no length', async () => {
    const limit = imageState().config.maxSourceBytes;
    configureImages({ maxSourceBytes: 10_000, retries: 0 });
    try {
      const image = await processImage(url('/media/chunked.jpg'), { width: 10, height: 10 });
      expect(image).toMatchObject({ status: 'failed', reason: 'too large (over 10000 bytes)' });
    } finally {
      configureImages({ maxSourceBytes: limit });
    }
  });

  it('times out a body that stalls mid-transfer', async () => {
    configureImages({ timeoutMs: 150, retries: 0 });
    const image = await processImage(url('/media/stall.jpg'), { width: 10, height: 10 });
    expect(image).toMatchObject({ status: 'failed', reason: 'timed out after 150 ms' });
  });

  it('records exactly the files the rendered images reference', async () => {
    const images = await Promise.all(
      ['/media/small.jpg', '/media/logo.svg', '/media/missing.jpg'].map((p) => processImage(url(p))),
    );
    const referenced = images.flatMap((image) => [
      ...image.sources.flatMap((s) => s.srcset.split(', ')),
      ...('srcset' in image.fallback ? image.fallback.srcset.split(', ') : [image.fallback.src]),
    ]);
    const files = referenced.filter((r) => r.startsWith('/_img/')).map((r) => r.split(' ')[0]!.replace('/_img/', ''));
    expect([...imageState().used].sort()).toEqual([...new Set(files)].sort());
  });
});
