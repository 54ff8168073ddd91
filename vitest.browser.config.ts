/// <reference types="vitest/config" />
// Browser tests: headless Debian Chromium (playwright-core) against the built site served locally.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // One browser, one static server: files run one after another on this 2-core machine.
    fileParallelism: false,
  },
});
