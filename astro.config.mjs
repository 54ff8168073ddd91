// @ts-check
import netlifyAdapter from '@astrojs/netlify';
import netlify from '@netlify/vite-plugin';
import { defineConfig } from 'astro/config';
import { buildTrigger } from './src/integrations/build-trigger.ts';
import { contentSecurityPolicy } from './src/integrations/csp.ts';
import { demoCms } from './src/integrations/demo-cms.ts';
import { devRefresh } from './src/integrations/dev-refresh.ts';
import { previewRoute } from './src/integrations/preview-route.ts';
import { functionsData } from './src/integrations/functions-data.ts';
import { wagtailImages } from './src/integrations/images.ts';
import { linkCheck } from './src/integrations/link-check.ts';
import { renderReport } from './src/integrations/render-report.ts';

// Settings live in .env (see .env.example); the environment wins over the file.
try {
  process.loadEnvFile('.env');
} catch {
  // No .env: the environment alone configures the build.
}

function buildConcurrency() {
  const value = process.env.BUILD_CONCURRENCY?.trim();
  if (!value) return 4;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`BUILD_CONCURRENCY=${JSON.stringify(value)} is not valid: expected a positive integer (pages rendered at once). Fix or unset it.`);
  }
  return n;
}

export default defineConfig({
  // Canonical URLs, the sitemap and RSS need the public origin; Netlify sets URL on its builds.
  site: process.env.SITE_URL || process.env.URL || 'http://localhost:4321',
  integrations: [
    buildTrigger(),
    demoCms(),
    wagtailImages(),
    linkCheck(),
    renderReport(),
    functionsData(),
    devRefresh(),
    previewRoute(),
    contentSecurityPolicy(),
  ],
  // Every page is a static file except the draft preview (src/pages/preview.astro), which the adapter
  // turns into a Netlify Function, narrowed to /preview by previewRoute (Astro runs the adapter's hooks
  // first). Its dev emulation is off: @netlify/vite-plugin below provides it, without edge functions
  // (they need Deno) or Netlify's image CDN (images are this project's sharp stage).
  adapter: netlifyAdapter({ devFeatures: false, imageCDN: false }),
  // Astro's cache (the content data store, the image cache) persists between builds; keep it where CI caches.
  cacheDir: process.env.ASTRO_CACHE_DIR || './node_modules/.astro',
  devToolbar: { enabled: false },
  // Pages rendered at once. Rendering waits on image downloads from the CMS, so overlapping pages wins:
  // 4 cut a 1,000-page build from 11.0 s to 7.5 s here (8 gained nothing more on 2 cores).
  build: { concurrency: buildConcurrency() },
  // Netlify's local emulation under `astro dev`: functions/ answer /api/*, with a local Blobs store. Dev
  // only (the site stays static files). Edge functions need Deno, which is not installed here; images are
  // this project's own sharp stage.
  vite: { plugins: [netlify({ edgeFunctions: { enabled: false }, images: { enabled: false } })] },
  // Unchanged pages are restored from the last build instead of rendered (keys: src/site/cache-keys.ts).
  experimental: { incrementalBuild: true },
});
