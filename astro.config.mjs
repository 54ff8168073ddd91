// @ts-check
import { defineConfig } from 'astro/config';
import { demoCms } from './src/integrations/demo-cms.ts';
import { wagtailImages } from './src/integrations/images.ts';
import { linkCheck } from './src/integrations/link-check.ts';
import { renderReport } from './src/integrations/render-report.ts';

// Settings live in .env (see .env.example); the environment wins over the file.
try {
  process.loadEnvFile('.env');
} catch {
  // No .env: the environment alone configures the build.
}

export default defineConfig({
  // Canonical URLs, the sitemap and RSS need the public origin; Netlify sets URL on its builds.
  site: process.env.SITE_URL || process.env.URL || 'http://localhost:4321',
  integrations: [demoCms(), wagtailImages(), linkCheck(), renderReport()],
  devToolbar: { enabled: false },
});
