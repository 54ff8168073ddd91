/**
 * The media library: draws original images on first use and turns them into renditions with sharp.
 *
 * Originals are cached on disk keyed by a hash of what is drawn (scene, size, format, drawing version), so a
 * restart reuses them and a content change draws anew. Renditions are generated on their first HTTP request,
 * like Wagtail's lazily created renditions, and kept both in a small in-memory LRU and on disk.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ImageRecord } from '../content/types.ts';
import { sha1 } from '../content/random.ts';
import { Semaphore } from '../semaphore.ts';
import { drawScene } from './scenes.ts';
import type { RenditionPlan } from './renditions.ts';
import { renditionFilename } from './renditions.ts';

/** Bump when drawing code changes so cached originals are redrawn. */
const DRAW_VERSION = 3;

export interface MediaLibraryOptions {
  cacheDir: string;
  /** Renditions kept in memory (by count). */
  memoryEntries?: number;
  /** Called once per rendition actually drawn by sharp (not served from a cache). */
  onRenditionGenerated?: () => void;
}

export class MediaLibrary {
  readonly cacheDir: string;
  #originals = new Map<string, Promise<Buffer>>();
  #renditions = new Map<string, Promise<Buffer>>();
  #memoryEntries: number;
  #onRenditionGenerated: () => void;
  // Drawing and encoding are CPU bound: two at a time keeps a 2-core machine responsive.
  #cpu = new Semaphore(2);

  constructor(options: MediaLibraryOptions) {
    this.cacheDir = options.cacheDir;
    this.#memoryEntries = options.memoryEntries ?? 400;
    this.#onRenditionGenerated = options.onRenditionGenerated ?? (() => {});
  }

  /** The cache key of an image's original: images drawing the same scene at the same size share bytes. */
  originalKey(image: ImageRecord): string {
    const what = JSON.stringify([image.scene, image.width, image.height, image.format, image.broken === true, DRAW_VERSION]);
    return sha1(what).slice(0, 20);
  }

  original(image: ImageRecord): Promise<Buffer> {
    const key = this.originalKey(image);
    let pending = this.#originals.get(key);
    if (!pending) {
      pending = this.#cachedFile(join('originals', `${key}.${image.format}`), () => this.#draw(image));
      pending.catch(() => this.#originals.delete(key));
      this.#originals.set(key, pending);
    }
    return pending;
  }

  async rendition(image: ImageRecord, plan: RenditionPlan): Promise<Buffer> {
    if (image.broken) throw new Error('cannot identify image file: the original is not a valid image');
    const key = `${this.originalKey(image)}/${renditionFilename(image.basename, plan)}`;
    const hit = this.#renditions.get(key);
    if (hit) {
      // Refresh its LRU position.
      this.#renditions.delete(key);
      this.#renditions.set(key, hit);
      return hit;
    }
    const pending = this.#cachedFile(join('renditions', key), () => {
      this.#onRenditionGenerated();
      return this.#render(image, plan);
    });
    pending.catch(() => this.#renditions.delete(key));
    this.#renditions.set(key, pending);
    while (this.#renditions.size > this.#memoryEntries) {
      const oldest = this.#renditions.keys().next().value;
      if (oldest === undefined) break;
      this.#renditions.delete(oldest);
    }
    return pending;
  }

  async #cachedFile(relative: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const file = join(this.cacheDir, relative);
    try {
      return await readFile(file);
    } catch {
      // Not cached yet.
    }
    const data = await make();
    try {
      await mkdir(join(file, '..'), { recursive: true });
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, file);
    } catch {
      // A read-only or full disk only costs a redraw next time.
    }
    return data;
  }

  async #draw(image: ImageRecord): Promise<Buffer> {
    if (image.broken) {
      // JPEG magic followed by garbage: looks like an image upload, cannot be decoded.
      return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('this upload was truncated '.repeat(40))]);
    }
    return this.#cpu.run(async () => {
      const svg = drawScene(image.scene, image.width, image.height);
      const pipeline = sharp(Buffer.from(svg), { limitInputPixels: false });
      return image.format === 'png'
        ? pipeline.png({ compressionLevel: 6 }).toBuffer()
        : pipeline.jpeg({ quality: 82 }).toBuffer();
    });
  }

  async #render(image: ImageRecord, plan: RenditionPlan): Promise<Buffer> {
    const original = await this.original(image);
    return this.#cpu.run(async () => {
      let pipeline = sharp(original);
      if (plan.crop) pipeline = pipeline.extract(plan.crop);
      if (plan.width !== (plan.crop?.width ?? image.width) || plan.height !== (plan.crop?.height ?? image.height)) {
        pipeline = pipeline.resize(plan.width, plan.height, { fit: 'fill' });
      }
      if (plan.background) pipeline = pipeline.flatten({ background: plan.background });
      switch (plan.format) {
        case 'webp':
          return pipeline.webp({ quality: plan.quality ?? 80 }).toBuffer();
        case 'avif':
          return pipeline.avif({ quality: plan.quality ?? 80 }).toBuffer();
        case 'png':
          return pipeline.png().toBuffer();
        case 'gif':
          return pipeline.gif().toBuffer();
        default:
          return pipeline.jpeg({ quality: plan.quality ?? 85 }).toBuffer();
      }
    });
  }
}

export const MIME_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
};
