/**
 * After `astro build`, reports internal links to pages that do not exist, naming the pages that contain
 * them. A warning by default; `LINK_CHECK=error` fails the build, `LINK_CHECK=off` skips the check.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { findBrokenLinks, formatBrokenLink, type LinkCheckOptions } from '../render/link-check.ts';
import { readRenderConfig } from '../site/config.ts';

export interface LinkCheckIntegrationOptions extends LinkCheckOptions {
  /** Overrides `LINK_CHECK`. */
  mode?: 'off' | 'warn' | 'error';
}

export function linkCheck(options: LinkCheckIntegrationOptions = {}): AstroIntegration {
  return {
    name: 'wagtail-link-check',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const mode = options.mode ?? readRenderConfig().linkCheck;
        if (mode === 'off') return;
        const started = performance.now();
        const { broken, pagesScanned } = await findBrokenLinks(fileURLToPath(dir), options);
        const took = `${Math.round(performance.now() - started)} ms`;
        if (broken.length === 0) {
          logger.info(`No broken internal links in ${pagesScanned} pages (${took}).`);
          return;
        }
        const lines = broken.slice(0, 50).map((link) => `  ${formatBrokenLink(link)}`);
        if (broken.length > 50) lines.push(`  ... and ${broken.length - 50} more targets`);
        const message =
          `${broken.length} internal link target(s) lead to no page (${pagesScanned} pages scanned, ${took}):\n${lines.join('\n')}\n` +
          'Fix the links in Wagtail, add a Wagtail redirect for moved pages, or publish the missing pages.';
        if (mode === 'error') {
          throw new Error(`${message}\nThe build fails because LINK_CHECK=error.`);
        }
        logger.warn(message);
      },
    },
  };
}
