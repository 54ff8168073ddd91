import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  configureImages,
  imageState,
  processImage,
  publishUsedVariants,
  resetImageState,
  serveVariants,
} from '../../src/images/index.ts';
import { startMediaServer, type MediaServer } from './fixtures.ts';

let media: MediaServer;
let cacheDir: string;
let outDir: string;

beforeAll(async () => {
  media = await startMediaServer();
});
afterAll(() => media.close());
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'wagtail-images-cache-'));
  outDir = await mkdtemp(join(tmpdir(), 'wagtail-images-dist-'));
  configureImages({ cacheDir, publicPath: '/_img/' }, { warn: () => {}, info: () => {} });
  resetImageState();
  return async () => {
    await rm(cacheDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  };
});

it('publishes exactly the variants this build used into dist/_img', async () => {
  await processImage(`${media.origin}/media/small.jpg`);
  await processImage(`${media.origin}/media/logo.svg`);
  // Left in the cache by an earlier build (an image since removed from the site): must not ship.
  await writeFile(join(cacheDir, '0123456789abcdef-320.webp'), 'stale');
  const count = await publishUsedVariants(outDir);
  const published = (await readdir(join(outDir, '_img'))).sort();
  expect(count).toBe(3);
  expect(published).toEqual([...imageState().used].sort());
  expect(published).not.toContain('0123456789abcdef-320.webp');
  // Publishing twice (a retried hook) is harmless.
  await publishUsedVariants(outDir);
});

it('serves cached variants in dev with their type and immutable caching, and nothing else', async () => {
  const image = await processImage(`${media.origin}/media/small.jpg`);
  if (image.status !== 'responsive') throw new Error(image.status);
  await writeFile(join(cacheDir, 'secret.txt'), 'not an image');
  // Mounted like Vite's connect does at `/_img`: the mount point is stripped from req.url.
  const server = createServer((req, res) => {
    req.url = req.url!.replace(/^\/_img/, '');
    serveVariants(req, res, () => res.writeHead(404).end('next'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const webpUrl = image.sources[0]!.srcset.split(' ')[0]!;
    const response = await fetch(base + webpUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(response.headers.get('cache-control')).toContain('immutable');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(await readFile(join(cacheDir, webpUrl.replace('/_img/', ''))))).toBe(true);

    for (const path of [
      '/_img/secret.txt',
      '/_img/..%2Fsecret.txt',
      '/_img/../etc/passwd',
      '/_img/0123456789abcdef-320.webp',
    ]) {
      expect((await fetch(base + path)).status, path).toBe(404);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
