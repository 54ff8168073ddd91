/**
 * Zero-config default: when CMS_GRAPHQL_URL is unset, start the bundled demo CMS (a grapple-compatible
 * server, `cms/`) in this process for the length of the command and point the sync layer at it.
 */
import type { AstroIntegration } from 'astro';

interface RunningCms {
  url: string;
  close(): Promise<void>;
}

// Astro may set up integrations more than once per process (dev server restarts): start one CMS only.
const RUNNING = Symbol.for('wagtail-astro.demo-cms');
type Holder = { [RUNNING]?: Promise<RunningCms> };

export function demoCms(): AstroIntegration {
  const holder = globalThis as Holder;
  const stop = async (): Promise<void> => {
    const running = holder[RUNNING];
    delete holder[RUNNING];
    if (running) await (await running).close();
  };
  return {
    name: 'wagtail-demo-cms',
    hooks: {
      'astro:config:setup': async ({ logger, command }) => {
        // `astro preview` serves dist/ without content; vitest loads this config only to compile components.
        if (command === 'preview' || process.env.VITEST) return;
        if (process.env.CMS_GRAPHQL_URL && !holder[RUNNING]) return;
        holder[RUNNING] ??= import('../../cms/server.ts').then(({ startCms }) =>
          startCms({ port: Number(process.env.DEMO_CMS_PORT ?? 0), content: 'demo' }),
        );
        const cms = await holder[RUNNING];
        process.env.CMS_GRAPHQL_URL = cms.url;
        logger.info(`CMS_GRAPHQL_URL is not set, so the bundled demo CMS serves the content: ${cms.url}`);
      },
      'astro:build:done': stop,
      'astro:server:done': stop,
    },
  };
}
