/**
 * A stand-in CMS media host for the image tests: generated images served over real HTTP on loopback,
 * with a request counter per path and a few misbehaving routes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';

export interface MediaServer {
  origin: string;
  /** Requests received per path (including failed and retried ones). */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** A photo-like JPEG: gradients plus noise, so encoders do real work. */
async function photo(width: number, height: number, options: { orientation?: number } = {}): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const x = (i / 3) % width;
    const y = Math.floor(i / 3 / width);
    raw[i] = (x * 255) / width + Math.random() * 40;
    raw[i + 1] = (y * 255) / height + Math.random() * 40;
    raw[i + 2] = ((x + y) % 256) * 0.8;
  }
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  if (options.orientation) image.withMetadata({ orientation: options.orientation });
  return image.jpeg({ quality: 85 }).toBuffer();
}

export async function makeFixtures(): Promise<Record<string, { type: string; body: Buffer }>> {
  const alpha = await sharp({
    create: { width: 800, height: 600, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } },
  })
    .png()
    .toBuffer();
  const gif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366cc' } })
    .gif()
    .toBuffer();
  const large = await photo(2400, 1600);
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60" fill="teal"/></svg>',
  );
  return {
    '/media/large.jpg': { type: 'image/jpeg', body: large },
    // Same bytes under another URL (Wagtail serves an original and a rendition that can coincide).
    '/media/large-copy.jpg': { type: 'image/jpeg', body: large },
    '/media/mid.jpg': { type: 'image/jpeg', body: await photo(1000, 750) },
    '/media/alpha.png': { type: 'image/png', body: alpha },
    '/media/small.jpg': { type: 'image/jpeg', body: await photo(200, 150) },
    // Stored 300x200 with EXIF "rotate 90° CW": displayed 200x300.
    '/media/rotated.jpg': { type: 'image/jpeg', body: await photo(300, 200, { orientation: 6 }) },
    '/media/logo.svg': { type: 'image/svg+xml', body: svg },
    '/media/anim.gif': { type: 'image/gif', body: gif },
    '/media/corrupt.jpg': { type: 'image/jpeg', body: Buffer.from('this is not a JPEG at all, just text pretending') },
  };
}

export async function startMediaServer(): Promise<MediaServer> {
  const files = await makeFixtures();
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    // Fails twice with 503, then serves: a CMS restarting or overloaded.
    if (path === '/media/flaky.jpg' && count <= 2) {
      res.writeHead(503).end('busy');
      return;
    }
    if (path === '/media/hang.jpg') return; // never answers: the timeout must fire
    if (path === '/media/stall.jpg') {
      // Headers and a first chunk, then nothing: the timeout must cover the body too.
      res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': 100_000 }).write(Buffer.alloc(1000));
      return;
    }
    if (path === '/media/chunked.jpg') {
      // No Content-Length (chunked transfer): the size limit must hold while reading.
      res.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(files['/media/large.jpg']!.body);
      return;
    }
    const file = files[path === '/media/flaky.jpg' ? '/media/small.jpg' : path];
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/html' }).end('<h1>Not found</h1>');
      return;
    }
    res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.byteLength }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
