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

/**
 * Synced entries keep the absolute media URLs of the CMS they came from, so the demo CMS keeps one port
 * across builds; a new origin would make the loader refetch everything.
 */
const DEFAULT_DEMO_PORT = 4390;

function demoPort(): number {
  const value = process.env.DEMO_CMS_PORT?.trim();
  if (!value) return DEFAULT_DEMO_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`DEMO_CMS_PORT=${JSON.stringify(value)} is not valid: expected a port number (0 = any free port). Fix or unset it.`);
  }
  return port;
}

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
        holder[RUNNING] ??= import('../../cms/server.ts').then(async ({ startCms }) => {
          const port = demoPort();
          try {
            return await startCms({ port, content: 'demo' });
          } catch (error) {
            // Another build (or `npm run cms`) holds the port: any port works, at the price of a full sync.
            if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || process.env.DEMO_CMS_PORT) throw error;
            logger.warn(`Port ${port} is taken, so the demo CMS uses another one; the next build refetches everything.`);
            return startCms({ port: 0, content: 'demo' });
          }
        });
        const cms = await holder[RUNNING];
        process.env.CMS_GRAPHQL_URL = cms.url;
        logger.info(`CMS_GRAPHQL_URL is not set, so the bundled demo CMS serves the content: ${cms.url}`);
      },
      'astro:build:done': stop,
      'astro:server:done': stop,
    },
  };
}
