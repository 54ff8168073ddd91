/**
 * Child process of the bench: the image stage alone against bare sharp, on the same sources.
 *
 *   node scripts/bench/image-worker.ts --root <project copy> --urls FILE --work DIR --runs K
 *
 * Downloads every source URL once (not timed), then, `runs` times and alternating:
 * - bare sharp: every variant the stage would make (same widths via `planWidths`, WebP + JPEG/PNG, same
 *   encoder options) of every distinct source, one plain `sharp(bytes).resize().webp().toFile()` pipeline
 *   per variant, all started at once (libuv's pool bounds them), the way a script would do it;
 * - the stage: `processImage` for every URL at once with an empty cache dir, the sources served by a
 *   local zero-latency HTTP server, so its time is encoding plus the stage's own overhead, not the CMS.
 * Prints one JSON line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type * as Images from '../../src/images/index.ts';
import type * as Variants from '../../src/images/variants.ts';
import type * as Config from '../../src/images/config.ts';

const { values } = parseArgs({
  options: { root: { type: 'string' }, urls: { type: 'string' }, work: { type: 'string' }, runs: { type: 'string', default: '1' } },
});
if (!values.root || !values.urls || !values.work) throw new Error('usage: image-worker.ts --root DIR --urls FILE --work DIR [--runs K]');
const root = values.root;
const work = values.work;
const runs = Math.max(1, Number(values.runs));
const load = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(root, path)).href)) as T;
const images = await load<typeof Images>('src/images/index.ts');
const variants = await load<typeof Variants>('src/images/variants.ts');
const config = await load<typeof Config>('src/images/config.ts');

// No libvips operation cache: the second contender must not profit from the first one's work.
sharp.cache(false);

const urls = (await readFile(values.urls, 'utf8')).split('\n').filter(Boolean);
const bytesByUrl = new Map<string, Buffer>();
{
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const url = urls[next++]!;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
      bytesByUrl.set(url, Buffer.from(await response.arrayBuffer()));
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
}

// Distinct sources by content, as the stage's content-addressed cache sees them.
const distinct = new Map<string, Buffer>();
for (const bytes of bytesByUrl.values()) distinct.set(createHash('sha256').update(bytes).digest('hex'), bytes);

interface Job {
  bytes: Buffer;
  width: number;
  ext: 'webp' | 'jpg' | 'png';
}
const jobs: Job[] = [];
const widths = config.defaultConfig().widths;
for (const bytes of distinct.values()) {
  const info = await variants.inspectSource(bytes).catch(() => null);
  if (!info || info.kind !== 'raster') continue;
  for (const width of variants.planWidths(info.width, widths)) {
    for (const ext of ['webp', variants.fallbackExt(info)] as const) jobs.push({ bytes, width, ext });
  }
}

async function bareSharp(dir: string): Promise<number> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  await Promise.all(
    jobs.map((job, i) => {
      const pipeline = sharp(job.bytes).autoOrient().resize({ width: job.width, withoutEnlargement: true });
      const encoded =
        job.ext === 'webp'
          ? pipeline.webp(config.encoderOptions.webp)
          : job.ext === 'jpg'
            ? pipeline.jpeg(config.encoderOptions.jpeg)
            : pipeline.png(config.encoderOptions.png);
      return encoded.toFile(join(dir, `${i}.${job.ext}`));
    }),
  );
  return (performance.now() - started) / 1000;
}

// The sources, served locally without latency, one path per URL (so the stage still dedupes by bytes).
const byPath = new Map<string, Buffer>();
const localUrls: string[] = [];
const server = createServer((req, res) => {
  const bytes = byPath.get(req.url ?? '');
  if (!bytes) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length }).end(bytes);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;
urls.forEach((url, i) => {
  const path = `/source/${i}${url.slice(url.lastIndexOf('.'))}`;
  byPath.set(path, bytesByUrl.get(url)!);
  localUrls.push(`http://127.0.0.1:${port}${path}`);
});

async function stage(dir: string): Promise<{ seconds: number; encoded: number; failed: number }> {
  await rm(dir, { recursive: true, force: true });
  images.configureImages({ cacheDir: dir, rememberFailures: true }, { warn: () => {}, info: () => {} });
  images.resetImageState();
  const started = performance.now();
  const results = await Promise.all(localUrls.map((url) => images.processImage(url)));
  const seconds = (performance.now() - started) / 1000;
  return { seconds, encoded: images.imageState().stats.encoded, failed: results.filter((r) => r.status === 'failed').length };
}

const bare: number[] = [];
const staged: Array<{ seconds: number; encoded: number; failed: number }> = [];
for (let run = 0; run < runs; run++) {
  bare.push(await bareSharp(join(work, 'bare')));
  staged.push(await stage(join(work, 'stage')));
}
server.close();
process.stdout.write(
  `${JSON.stringify({
    urls: urls.length,
    distinctSources: distinct.size,
    variants: jobs.length,
    bareSharpSeconds: bare,
    stageSeconds: staged.map((s) => s.seconds),
    stageEncoded: staged.map((s) => s.encoded),
    stageFailed: staged.map((s) => s.failed),
  })}\n`,
);
