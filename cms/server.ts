/**
 * The demo CMS server: a Wagtail-compatible GraphQL endpoint (`/graphql/`), media, documents, embeds and
 * the admin API, with simulated latency and injected faults.
 *
 *   const cms = await startCms({ port: 0, content: { synthetic: { pages: 10_000 } } });
 *   await fetch(cms.url, ...);  // http://127.0.0.1:PORT/graphql/
 *   cms.content.updatePage(12, { title: 'New title' });
 *   cms.content.saveDraft(12, { fields: { introduction: 'Draft' } });
 *   cms.content.previewLink(12);   // { token, url: 'http://localhost:4321/preview?content_type=...&token=...' }
 *   await cms.close();
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleAdmin, type AdminTarget } from './admin.ts';
import { demoContent } from './content/demo.ts';
import { escapeHtml } from './content/text.ts';
import type { ContentApi } from './content/store.ts';
import { ContentStore } from './content/store.ts';
import { syntheticContent } from './content/synthetic.ts';
import type { SiteContent } from './content/types.ts';
import { FaultInjector } from './faults.ts';
import { notFound, readBody, send } from './http-util.ts';
import { LatencyModel } from './latency.ts';
import { MediaLibrary } from './media/library.ts';
import { serveMedia } from './media/routes.ts';
import type { CmsOptions, FaultOptions, LatencyOptions } from './options.ts';
import { ALT_DEFAULT_PAGES } from './options.ts';
import type { PageAccounting } from './schema/context.ts';
import { createGraphqlHandler } from './schema/http.ts';
import { altModel } from './site/alt-model.ts';
import { demoModel } from './site/demo-model.ts';
import { emptyStats } from './stats.ts';
import { WebhookSender } from './webhook.ts';
import type { WebhookDelivery, WebhookOptions } from './webhook.ts';

export type { CmsOptions, FaultKind, FaultOptions, LatencyOptions, PreviewOptions, SyntheticOptions, WebhookOptions } from './options.ts';
export type { CmsStats } from './stats.ts';
export type { PreviewLink } from './content/previews.ts';
export type { WebhookAttempt, WebhookDelivery } from './webhook.ts';

/** What `startCms` returns: the admin surface (store, stats, faults, latency) plus the server's address. */
export interface CmsHandle extends AdminTarget {
  /** The GraphQL endpoint, `http://127.0.0.1:PORT/graphql/`. */
  url: string;
  /** `http://127.0.0.1:PORT`: media, documents and the admin API live under it. */
  origin: string;
  port: number;
  /**
   * Content changes between builds: add, change (bumps lastPublishedAt), save a draft, publish,
   * unpublish, delete, move, and preview tokens for the latest revision.
   */
  content: ContentApi;
  /** Webhook deliveries so far, oldest first (state, and each attempt's status, signature and body). */
  webhookDeliveries(): WebhookDelivery[];
  /** Resolves once every queued webhook delivery has been delivered, has failed or was cancelled. */
  flushWebhooks(): Promise<WebhookDelivery[]>;
  /** Sets (or with null turns off) the webhook target at run time. */
  setWebhook(options: WebhookOptions | null): void;
  /** Stops the server; queued webhook deliveries and retries are cancelled (flush first to wait for them). */
  close(): Promise<void>;
}

const DEFAULT_CACHE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'demo-cms');

/** The site content for the options: the demo, or a synthetic site of the chosen schema. */
export function buildContent(options: Pick<CmsOptions, 'content' | 'schema'>): SiteContent {
  const content = options.content ?? 'demo';
  if (options.schema === 'alt') {
    // The alt site only exists synthetically; without a size it is a small site.
    return syntheticContent(altModel, content === 'demo' ? { pages: ALT_DEFAULT_PAGES } : content.synthetic);
  }
  return content === 'demo' ? demoContent() : syntheticContent(demoModel, content.synthetic);
}

function formatOrigin(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

const ERROR_PAGES: Record<'500' | '502' | '429' | '503', { status: number; body: string; headers?: Record<string, string> }> = {
  '500': { status: 500, body: '<!doctype html>\n<html lang="en">\n<head><title>Server Error (500)</title></head>\n<body><h1>Server Error (500)</h1><p></p></body>\n</html>\n' },
  '502': { status: 502, body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n' },
  '429': { status: 429, body: '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n', headers: { 'retry-after': '1' } },
  // Load shedding (`queueLimit`): the queue in front of the workers is full, as a proxy answers for an API.
  '503': {
    status: 503,
    body: '{"errors":[{"message":"Service Unavailable: the server is overloaded (request queue full); retry later."}]}\n',
    headers: { 'content-type': 'application/json', 'retry-after': '1' },
  },
};

function sendErrorPage(res: ServerResponse, kind: keyof typeof ERROR_PAGES): void {
  const page = ERROR_PAGES[kind];
  send(res, page.status, page.body, { 'content-type': 'text/html', ...page.headers });
}

export async function startCms(options: CmsOptions = {}): Promise<CmsHandle> {
  const host = options.host ?? '127.0.0.1';
  // Both check their options before anything starts.
  const webhooks = new WebhookSender(options.webhook ?? null);
  const store = new ContentStore(buildContent(options), { preview: options.preview });
  store.onPageEvent((event) => webhooks.send(event));
  let stats = emptyStats();
  const media = new MediaLibrary({
    cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
    onRenditionGenerated: () => stats.media.renditionsGenerated++,
  });
  const graphql = createGraphqlHandler(store.model);
  const latency = new LatencyModel(options.latency);
  const faults = new FaultInjector(options.faults);
  let origin = '';
  const held = new Set<{ timer: NodeJS.Timeout; res: ServerResponse }>();

  const target = {
    store,
    stats: () => structuredClone(stats),
    resetStats: () => {
      // Requests still holding a worker slot will release it after the reset.
      const { inFlight } = stats;
      stats = emptyStats();
      stats.inFlight = inFlight;
      stats.maxInFlight = inFlight;
    },
    faults: () => faults.options,
    setFaults: (f: FaultOptions) => faults.set(f),
    latency: () => latency.options,
    setLatency: (l: LatencyOptions) => latency.set(l),
    webhook: () => webhooks.target,
    setWebhook: (w: WebhookOptions | null) => webhooks.configure(w),
    webhookDeliveries: () => webhooks.deliveries(),
    flushWebhooks: () => webhooks.flush(),
  };

  async function serveGraphql(req: IncomingMessage, res: ServerResponse): Promise<void> {
    stats.graphqlRequests++;
    const body = await readBody(req);
    await latency.halfRtt();
    if (latency.shedding) {
      // Refused before it reaches Django: it draws no fault. From here to `latency.serve` nothing awaits,
      // so the request queues in the place this check saw free.
      stats.shed++;
      await latency.halfRtt();
      return sendErrorPage(res, '503');
    }
    const fault = faults.decide();
    if (fault) {
      stats.faults.total++;
      stats.faults[fault]++;
    }
    if (fault === '500' || fault === '502' || fault === '429') {
      await latency.halfRtt();
      return sendErrorPage(res, fault);
    }
    if (fault === 'timeout') {
      // Hold the response like a stuck upstream; a proxy would give up with 504 after a while.
      await new Promise<void>((resolve) => {
        const entry = {
          res,
          timer: setTimeout(() => {
            held.delete(entry);
            send(res, 504, '<html><body><h1>504 Gateway Time-out</h1></body></html>\n', { 'content-type': 'text/html' });
            resolve();
          }, faults.timeoutMs),
        };
        held.add(entry);
        res.on('close', () => {
          clearTimeout(entry.timer);
          held.delete(entry);
          resolve();
        });
      });
      return;
    }

    const requestFaults = faults.forRequest(fault === 'graphql', () => {
      stats.faults.brokenPage++;
    });
    const response = await latency.serve(
      (meter) => {
        const pages: PageAccounting = {
          lookup(page) {
            stats.pagesResolved++;
            stats.pageLookups++;
            meter.lookup(page);
            requestFaults.lookup(page);
          },
          item(page) {
            stats.pagesResolved++;
            meter.item(page);
            return requestFaults.item(page);
          },
          content(page) {
            meter.content(page);
            requestFaults.content(page);
          },
        };
        return graphql(
          {
            method: req.method ?? 'GET',
            url: `${origin}${req.url ?? '/graphql/'}`,
            headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
            body,
          },
          { store, media, origin, host: req.headers.host ?? null, pages, searchScores: new WeakMap() },
        );
      },
      (holding) => {
        stats.inFlight += holding ? 1 : -1;
        stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      },
    );
    if (response.status >= 400) stats.graphqlRejected++;
    else stats.graphqlOperations++;
    if (response.status === 200 && response.body.startsWith('{"errors"')) stats.graphqlPartial++;
    await latency.halfRtt();
    if (fault === 'truncate') {
      // A complete 200 response whose body is the first half of the JSON: it arrives, but does not parse.
      return send(res, 200, response.body.slice(0, Math.floor(response.body.length / 2)), { 'content-type': 'application/json' });
    }
    send(res, response.status, response.body, response.headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://cms.invalid');
    const path = url.pathname;
    if (path === '/__cms' || path.startsWith('/__cms/')) {
      stats.admin++;
      return handleAdmin(target, req, res, path);
    }
    stats.requests++;
    if (path === '/graphql/') return serveGraphql(req, res);
    if (path === '/graphql') {
      // Django's APPEND_SLASH redirects GETs; grapple's endpoint is /graphql/.
      if (req.method === 'GET' || req.method === 'HEAD') return send(res, 301, '', { location: `/graphql/${url.search}` });
      return notFound(res, path);
    }
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) return send(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
    if (path.startsWith('/media/') || path.startsWith('/documents/') || path.startsWith('/embeds/')) {
      await latency.halfRtt();
      const answer = await serveMedia({ store, media, stats, origin }, path);
      await latency.halfRtt();
      if (!answer) return notFound(res, path);
      return send(res, answer.status, answer.body, answer.headers, head);
    }
    if (path === '/') {
      const name = escapeHtml(store.model.siteName);
      return send(
        res,
        200,
        `<!doctype html>\n<html lang="en"><head><title>${name} (demo CMS)</title></head><body><h1>${name}</h1><p>Demo Wagtail CMS. GraphQL: <a href="/graphql/">/graphql/</a>. Admin API: <a href="/__cms/">/__cms/</a>.</p></body></html>\n`,
        { 'content-type': 'text/html; charset=utf-8' },
      );
    }
    return notFound(res, path);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(res, 500, `Internal error in the demo CMS: ${error instanceof Error ? error.message : String(error)}\n`, {
          'content-type': 'text/plain',
        });
      } else {
        res.destroy();
      }
    });
  });
  // Benchmarks open many connections; the defaults would close idle keep-alive sockets early.
  server.keepAliveTimeout = 30_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8000, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = options.publicOrigin?.replace(/\/$/, '') ?? formatOrigin(host, port);
  // The Site record answers `oldUrl`, `site.port` etc. with the address the CMS really has.
  for (const site of store.sites) site.port = port;

  return {
    url: `${origin}/graphql/`,
    origin,
    port,
    content: store,
    ...target,
    close: () =>
      new Promise<void>((resolve) => {
        webhooks.close();
        for (const entry of held) clearTimeout(entry.timer);
        held.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
