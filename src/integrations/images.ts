/**
 * Astro integration of the image stage (`src/images/`): configures it from the Astro config, serves
 * `/_img/*` from the cache in dev, copies the used variants into the build output, and reports.
 *
 * Pages call `processImage` themselves (via `ResponsiveImage.astro`); the two sides meet through the
 * registry on `globalThis` (see `src/images/state.ts`), since Astro loads them as separate bundles.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  configureImages,
  defaultCacheDir,
  imageState,
  publicPathFor,
  publishUsedVariants,
  reportLines,
  resetImageState,
  saveSourceIndex,
  serveVariants,
  type ImageConfig,
} from '../images/index.ts';

export type WagtailImagesOptions = Partial<
  Pick<ImageConfig, 'widths' | 'downloadConcurrency' | 'encodeConcurrency' | 'timeoutMs' | 'retries' | 'maxSourceBytes'>
>;

export function wagtailImages(options: WagtailImagesOptions = {}): AstroIntegration {
  let dev = false;
  return {
    name: 'wagtail-images',
    hooks: {
      // Not decided in astro:server:setup: Astro also starts a Vite server during `astro build` (sync).
      'astro:config:setup': ({ command }) => {
        dev = command === 'dev';
      },

      'astro:config:done': ({ config, logger }) => {
        const settings = configureImages(
          {
            ...options,
            // IMAGE_CACHE_DIR wins (CI caches), else inside Astro's own cache dir.
            cacheDir: defaultCacheDir(fileURLToPath(config.cacheDir)),
            publicPath: publicPathFor(config.base),
            // In dev a reload should retry an image that failed (the CMS may be back); a build warns once.
            rememberFailures: !dev,
          },
          logger,
        );
        logger.debug(`variant cache: ${settings.cacheDir}, served at ${settings.publicPath}`);
      },

      'astro:server:setup': ({ server }) => {
        const { publicPath } = imageState().config;
        server.middlewares.use(publicPath.replace(/\/$/, ''), serveVariants);
      },

      // A programmatic caller may build twice in one process: counters and the used set are per build.
      'astro:build:start': () => resetImageState(),

      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const published = await publishUsedVariants(fileURLToPath(dir));
        await saveSourceIndex();
        const [summary = '', ...failures] = reportLines();
        logger.info(`${summary}; ${published} files published to _img/ in ${Date.now() - started} ms`);
        for (const line of failures) logger.warn(line);
      },
    },
  };
}
