/**
 * `processImage`: source URL in, responsive variants out. Each URL is downloaded once per build however
 * many pages (or concurrent renders) ask for it, and not at all when last build's variants are still cached
 * (source-index.ts); each variant file is encoded once ever (cache).
 */
import { writeFile } from 'node:fs/promises';
import { contentHash, contentTypes, variantFileName, type VariantExt } from './cache.ts';
import { ensureFiles } from './ensure.ts';
import { fetchSource, SourceError } from './fetch-source.ts';
import { lookupSource, recordSource } from './source-index.ts';
import { imageState } from './state.ts';
import type { FailedImage, ProcessedImage, ProcessOptions } from './types.ts';
import { DecodeError, encodeWidth, fallbackExt, inspectSource, planWidths } from './variants.ts';

export function processImage(src: string, options: ProcessOptions = {}): Promise<ProcessedImage> {
  if (options.passthrough) return Promise.resolve(passthrough(src, options));
  const state = imageState();
  let result = state.results.get(src);
  if (!result) {
    state.stats.images++;
    result = run(src, options);
    state.results.set(src, result);
    if (!state.config.rememberFailures) {
      void result.then((image) => image.status === 'failed' && state.results.delete(src));
    }
  }
  return result.then((image) => (image.status === 'failed' ? withCaller(src, image, options) : image));
}

/** The source URL as a plain `<img>` (a preview's way): shaped like a failure, but nothing failed or is reported. */
function passthrough(src: string, options: ProcessOptions): ProcessedImage {
  return { status: 'failed', width: options.width, height: options.height, sources: [], fallback: { src }, reason: 'not processed in a preview' };
}

/** Later callers of a failed URL: no second warning, but the report lists their page too. */
function withCaller(src: string, image: FailedImage, options: ProcessOptions): FailedImage {
  if (options.context) imageState().failures.get(src)?.contexts.add(options.context);
  return { ...image, width: image.width ?? options.width, height: image.height ?? options.height };
}

async function run(src: string, options: ProcessOptions): Promise<ProcessedImage> {
  const { stats, config } = imageState();
  stats.startedAt ??= Date.now();
  try {
    const indexed = await lookupSource(src);
    if (indexed) {
      markUsed(indexed.files);
      stats.fromIndex++;
      if (indexed.result.status === 'responsive') stats.reused += indexed.files.length;
      return indexed.result;
    }
    const bytes = await fetchSource(src);
    const hash = contentHash(bytes);
    const info = await inspectSource(bytes);
    const url = (file: string) => config.publicPath + file;

    if (info.kind === 'passthrough') {
      const file = variantFileName(hash, info.width, info.ext);
      await ensureFiles({ key: file, files: [file], counted: false, produce: (_, [temp]) => writeFile(temp!, bytes) });
      stats.passthrough++;
      return remember(src, [file], {
        status: 'passthrough',
        width: info.width,
        height: info.height,
        sources: [],
        fallback: { type: contentTypes[info.ext], src: url(file) },
      });
    }

    const widths = planWidths(info.width, config.widths);
    const formats = ['webp', fallbackExt(info)] as const;
    // One job per width making both formats from a single decode (see encodeWidth).
    await Promise.all(
      widths.map((width) => {
        const files = formats.map((ext) => variantFileName(hash, width, ext));
        const extOf = new Map(files.map((file, i) => [file, formats[i]!]));
        return ensureFiles({
          key: `${hash}-${width}`,
          files,
          counted: true,
          produce: (missing, temps) =>
            encodeWidth(
              bytes,
              width,
              missing.map((file, i) => ({ ext: extOf.get(file)!, path: temps[i]! })),
            ),
        });
      }),
    );
    const files = formats.flatMap((ext) => widths.map((width) => variantFileName(hash, width, ext)));
    const srcset = (ext: VariantExt) => widths.map((width) => `${url(variantFileName(hash, width, ext))} ${width}w`).join(', ');
    const largest = variantFileName(hash, widths.at(-1)!, formats[1]);
    return remember(src, files, {
      status: 'responsive',
      width: info.width,
      height: info.height,
      sources: [{ type: 'image/webp', srcset: srcset('webp') }],
      // The largest variant as `src`: what crawlers and link previews pick up.
      fallback: { type: contentTypes[formats[1]], src: url(largest), srcset: srcset(formats[1]) },
    });
  } catch (error) {
    return fail(src, error, options);
  } finally {
    stats.finishedAt = Date.now();
  }
}

/** A finished image: its files are used by this build, and the next one can skip its download. */
async function remember(src: string, files: string[], result: ProcessedImage): Promise<ProcessedImage> {
  markUsed(files);
  await recordSource(src, { result, files });
  return result;
}

/** Only complete images count as used: a failed one renders its original URL, so its files stay out of dist. */
function markUsed(files: string[]): void {
  const { used } = imageState();
  for (const file of files) used.add(file);
}

function fail(src: string, error: unknown, options: ProcessOptions): FailedImage {
  const state = imageState();
  const reason =
    error instanceof SourceError || error instanceof DecodeError
      ? error.message
      : `processing failed: ${error instanceof Error ? error.message : String(error)}`;
  const contexts = new Set(options.context ? [options.context] : []);
  state.failures.set(src, { url: src, reason, contexts });
  const where = options.context ? ` (used on ${options.context})` : '';
  const message = `Image ${src}${where} could not be processed: ${reason}. Using the original URL as a plain <img>.`;
  if (state.logger) state.logger.warn(message);
  else console.warn(`[wagtail-images] ${message}`);
  return { status: 'failed', width: options.width, height: options.height, sources: [], fallback: { src }, reason };
}
