/**
 * Under `astro dev`, the Wagtail webhook refreshes the preview instead of triggering a build: a signed
 * `POST /api/wagtail-webhook` (the same request Wagtail's module sends to the deployed site) re-syncs the
 * content layer and the functions' data, so a publish shows on the next page load without a restart.
 * It runs ahead of Netlify's emulation, which would otherwise call the build hook.
 */
import type { AstroIntegration } from 'astro';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildDataDir, readWebhookSettings } from '../../functions/_shared/env.ts';
import { HttpError } from '../../functions/_shared/http.ts';
import { SIGNATURE_HEADER, verifySignature } from '../../functions/_shared/signature.ts';
import { parseWebhookEvent } from '../../functions/_shared/webhooks/event.ts';
import { refreshFunctionsData } from './functions-data.ts';

const PATH = '/api/wagtail-webhook';
const LOADERS = ['wagtail-pages', 'wagtail-site', 'wagtail-redirects'];

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

export function devRefresh(): AstroIntegration {
  return {
    name: 'wagtail-dev-refresh',
    hooks: {
      'astro:server:setup': ({ server, refreshContent, logger }) => {
        if (!refreshContent) return;
        const refresh = refreshContent;
        const handle = async (request: IncomingMessage, response: ServerResponse, next: () => void) => {
          if (request.method !== 'POST' || request.url?.split('?')[0] !== PATH) return next();
          const started = performance.now();
          try {
            const { secret } = readWebhookSettings();
            if (!secret) throw new HttpError(503, 'Set WEBHOOK_SECRET (in .env) to refresh the preview from Wagtail webhooks.');
            const raw = await readAll(request);
            verifySignature(request.headers[SIGNATURE_HEADER] as string | undefined ?? null, raw, secret);
            const event = parseWebhookEvent(raw);
            logger.info(`Wagtail ${event.event.replace('page_', '')} “${event.page.title}” (page ${event.page.id}): refreshing content`);
            await refresh({ loaders: LOADERS });
            await refreshFunctionsData(`http://localhost:${request.socket.localPort}`, buildDataDir());
            send(response, 200, { status: 'refreshed', ms: Math.round(performance.now() - started) });
          } catch (error) {
            if (error instanceof HttpError) return send(response, error.status, { error: error.message, fields: error.fields });
            logger.error(`Refreshing content after a webhook failed: ${error instanceof Error ? error.message : String(error)}`);
            send(response, 503, { error: 'The content refresh failed; see the dev server output.' });
          }
        };
        // First in the stack: ahead of Netlify's emulation, whose webhook function would call the build hook.
        server.middlewares.stack.unshift({ route: '', handle: (req: IncomingMessage, res: ServerResponse, next: () => void) => void handle(req, res, next) });
      },
    },
  };
}
