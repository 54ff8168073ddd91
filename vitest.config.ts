/// <reference types="vitest/config" />
// Astro's Vite config lets tests import `.astro` components (rendered with the container API).
import { getViteConfig } from 'astro/config';

export default getViteConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests run on their own (npm run test:browser): they need Chromium and a built site.
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
