/** The image stage: CMS image URL in, cached responsive variants and `<picture>` markup out. */
export { processImage } from './process.ts';
export { pictureHtml, escapeAttribute, DEFAULT_SIZES, type PictureAttributes } from './html.ts';
export { configureImages, resetImageState, imageState, type ImageStats, type ImageLogger } from './state.ts';
export { defaultCacheDir, publicPathFor, CACHE_DIR_ENV, type ImageConfig } from './config.ts';
export { publishUsedVariants, serveVariants } from './publish.ts';
export { saveSourceIndex } from './source-index.ts';
export { reportLines } from './report.ts';
export type {
  ProcessedImage,
  ResizedImage,
  PassthroughImage,
  FailedImage,
  ImageSource,
  ProcessOptions,
} from './types.ts';
