/**
 * What a source is, which variants it gets, and encoding them. Pure sharp, no policy: `process.ts` and
 * `ensure.ts` decide when (cache, dedupe, limits), this module decides what.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import { encoderOptions } from './config.ts';
import type { VariantExt } from './cache.ts';

/** What the source turned out to be, read from its bytes (never from the URL or Content-Type). */
export type SourceInfo =
  | { kind: 'raster'; width: number; height: number; hasAlpha: boolean }
  | { kind: 'passthrough'; width: number; height: number; ext: VariantExt };

/** Thrown when the bytes are not an image sharp can read (an HTML error page, a truncated file...). */
export class DecodeError extends Error {
  override name = 'DecodeError';
}

export async function inspectSource(bytes: Buffer): Promise<SourceInfo> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch (error) {
    throw new DecodeError(`cannot decode: ${(error as Error).message}`);
  }
  // autoOrient: a portrait photo stored landscape + EXIF rotation must get portrait width/height.
  const { width, height } = meta.autoOrient;
  if (!width || !height) throw new DecodeError(`cannot decode: no dimensions (format ${meta.format})`);
  // Vectors are already resolution-independent; resizing GIFs or animated WebP would keep one frame only.
  if (meta.format === 'svg') return { kind: 'passthrough', width, height, ext: 'svg' };
  if (meta.format === 'gif') return { kind: 'passthrough', width, height, ext: 'gif' };
  if (meta.format === 'webp' && (meta.pages ?? 1) > 1) return { kind: 'passthrough', width, height, ext: 'webp' };
  return { kind: 'raster', width, height, hasAlpha: meta.hasAlpha };
}

/**
 * Widths to emit for a source `sourceWidth` wide: the configured ones it can fill, never upscaled,
 * plus the source width itself when it is below the largest configured width (so a 1000px source
 * yields a 1000w variant rather than stopping at 960, and a 200px one yields just 200w). A candidate
 * within 10% of the source width is dropped: a 960w next to a 1000w only costs an encode.
 */
export function planWidths(sourceWidth: number, widths: readonly number[]): number[] {
  const sorted = [...widths].sort((a, b) => a - b);
  const max = sorted.at(-1) ?? 0;
  if (sourceWidth > max && max > 0) return sorted;
  return [...sorted.filter((w) => w < sourceWidth * 0.9), sourceWidth];
}

/** The `<img>` fallback format: JPEG for photos, PNG when transparency must survive. */
export function fallbackExt(info: { hasAlpha: boolean }): 'jpg' | 'png' {
  return info.hasAlpha ? 'png' : 'jpg';
}

type RasterExt = 'webp' | 'jpg' | 'png';

function encode(pipeline: Sharp, ext: RasterExt): Sharp {
  if (ext === 'webp') return pipeline.webp(encoderOptions.webp);
  if (ext === 'jpg') return pipeline.jpeg(encoderOptions.jpeg);
  return pipeline.png(encoderOptions.png);
}

/**
 * Encodes `bytes` at `width` into each of `outputs` (temp paths: the caller renames them).
 *
 * For several formats the source is decoded and resized ONCE, to raw pixels, and each format encodes
 * from those: decoding + resizing is a good share of the work, and a pipeline per format would repeat it.
 * The formats run one after the other: the caller holds a single encode slot for all of them.
 */
export async function encodeWidth(
  bytes: Buffer,
  width: number,
  outputs: Array<{ ext: RasterExt; path: string }>,
): Promise<void> {
  // failOn 'error' rather than sharp's default 'warning': browsers show slightly damaged JPEGs, so do we.
  const resized = () => sharp(bytes, { failOn: 'error' }).autoOrient().resize({ width, withoutEnlargement: true });
  if (outputs.length === 1) {
    const [only] = outputs as [{ ext: RasterExt; path: string }];
    await encode(resized(), only.ext).toFile(only.path);
    return;
  }
  const { data, info } = await resized().raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  for (const { ext, path } of outputs) await encode(sharp(data, raw), ext).toFile(path);
}
