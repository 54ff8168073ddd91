/**
 * Prints, once at the end of the build, which StreamField block types had no component and how often
 * (src/render/block-report.ts): one line per block type instead of one per occurrence.
 */
import type { AstroIntegration } from 'astro';
import { fallbackReport, formatFallback, resetFallbackReport } from '../render/block-report.ts';

export function renderReport(): AstroIntegration {
  return {
    name: 'wagtail-render-report',
    hooks: {
      'astro:build:start': () => resetFallbackReport(),
      'astro:build:done': ({ logger }) => {
        for (const tally of fallbackReport()) {
          if (tally.kind === 'dropped') logger.warn(formatFallback(tally));
          else logger.info(formatFallback(tally));
        }
      },
    },
  };
}
