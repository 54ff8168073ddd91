/**
 * The admin HTTP API under `/__cms/`: drives a CMS running in another process (tests, benchmarks, the
 * webhook demo). JSON in, JSON out, 4xx with `{"error": "..."}` that says what to fix.
 *
 *   GET    /__cms/                      this list
 *   GET    /__cms/stats                 counters (see CmsStats)
 *   POST   /__cms/stats/reset
 *   GET    /__cms/pages/:id             one page in stored form
 *   POST   /__cms/pages                 add   {parentId, type, title, slug?, fields?, showInMenus?, live?}
 *   PATCH  /__cms/pages/:id             change and publish {title?, slug?, fields?, seoTitle?, searchDescription?, showInMenus?}
 *   POST   /__cms/pages/:id/draft       save a draft {title?, slug?, fields?, seoTitle?, searchDescription?, showInMenus?}
 *   POST   /__cms/pages/:id/preview-token  {ttlSeconds?} → {token, url, contentType, expiresAt}
 *   POST   /__cms/pages/:id/publish     publish the latest revision
 *   POST   /__cms/pages/:id/unpublish   {includeDescendants?: boolean = true}
 *   POST   /__cms/pages/:id/move        {parentId}
 *   DELETE /__cms/pages/:id
 *   GET|POST /__cms/faults              FaultOptions (POST merges)
 *   GET|POST /__cms/latency             LatencyOptions (POST merges)
 *   GET|POST|DELETE /__cms/webhook      target and deliveries; POST {url, secret, retries?, retryDelayMs?, timeoutMs?} sets, DELETE turns off
 *   POST   /__cms/webhook/flush         waits for queued deliveries, answers them
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ContentStore } from './content/store.ts';
import { ContentError } from './content/store.ts';
import type { PageRecord } from './content/types.ts';
import { readBody, sendJson } from './http-util.ts';
import type { FaultOptions, LatencyOptions } from './options.ts';
import { FAULT_KINDS } from './options.ts';
import type { CmsStats } from './stats.ts';
import type { WebhookDelivery, WebhookOptions, WebhookSender } from './webhook.ts';

export interface AdminTarget {
  store: ContentStore;
  stats(): CmsStats;
  resetStats(): void;
  faults(): FaultOptions;
  setFaults(options: FaultOptions): void;
  latency(): LatencyOptions;
  setLatency(options: LatencyOptions): void;
  webhook(): WebhookSender['target'];
  setWebhook(options: WebhookOptions | null): void;
  webhookDeliveries(): WebhookDelivery[];
  flushWebhooks(): Promise<WebhookDelivery[]>;
}

const fields = z.record(z.string(), z.unknown());
const patchSchema = z.strictObject({
  title: z.string().min(1).optional(),
  slug: z.string().min(1).optional(),
  seoTitle: z.string().optional(),
  searchDescription: z.string().optional(),
  showInMenus: z.boolean().optional(),
  fields: fields.optional(),
});
const newPageSchema = patchSchema.extend({
  parentId: z.number().int().positive(),
  type: z.string().min(1),
  title: z.string().min(1),
  live: z.boolean().optional(),
});
const unpublishSchema = z.strictObject({ includeDescendants: z.boolean().optional() });
const moveSchema = z.strictObject({ parentId: z.number().int().positive() });
const previewTokenSchema = z.strictObject({ ttlSeconds: z.number().positive().optional() });
const webhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  secret: z.string().min(1),
  retries: z.number().int().min(0).max(10).optional(),
  retryDelayMs: z.number().min(0).optional(),
  timeoutMs: z.number().min(0).optional(),
});
const faultKind = z.enum(FAULT_KINDS);
const faultsSchema = z.strictObject({
  rate: z.number().min(0).max(1).optional(),
  kinds: z.array(faultKind).optional(),
  seed: z.union([z.number(), z.string()]).optional(),
  brokenPages: z.array(z.number().int()).optional(),
  next: z.array(faultKind).optional(),
  timeoutMs: z.number().int().min(0).optional(),
});
const latencySchema = z.strictObject({
  rtt: z.number().min(0).optional(),
  pageTime: z.number().min(0).optional(),
  requestTime: z.number().min(0).optional(),
  workers: z.number().int().min(0).optional(),
  contention: z.number().min(0).optional(),
  queueLimit: z.number().int().min(0).nullable().optional(),
});

class HttpProblem extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** What the admin API shows of a page: its stored form plus the derived URL. */
function pageSummary(store: ContentStore, page: PageRecord) {
  return {
    id: page.id,
    type: page.type,
    parentId: page.parentId,
    title: page.title,
    draftTitle: page.draftTitle,
    slug: page.slug,
    url: store.url(page),
    urlPath: page.urlPath,
    live: page.live,
    hasUnpublishedChanges: page.hasUnpublishedChanges,
    showInMenus: page.showInMenus,
    firstPublishedAt: page.firstPublishedAt,
    lastPublishedAt: page.lastPublishedAt,
    fields: page.fields,
    /** The latest revision when it is not what is live (a draft, or a page not live). */
    draft: page.hasUnpublishedChanges ? store.latestRevision(page.id) : null,
  };
}

async function jsonBody<T>(req: IncomingMessage, schema: z.ZodType<T>, optional = false): Promise<T> {
  const raw = (await readBody(req)).toString('utf8').trim();
  if (raw === '' && optional) return schema.parse({});
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.');
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new HttpProblem(400, `Invalid request body: ${detail}.`);
  }
  return result.data;
}

function pageId(raw: string): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1) throw new HttpProblem(400, `"${raw}" is not a page id.`);
  return id;
}

function existing(store: ContentStore, id: number): PageRecord {
  const page = store.page(id);
  if (!page) throw new HttpProblem(404, `Page ${id} does not exist.`);
  return page;
}

export async function handleAdmin(target: AdminTarget, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const { store } = target;
  const allow = (...methods: string[]) => {
    if (!methods.includes(method)) throw new HttpProblem(405, `${method} is not allowed here; use ${methods.join(' or ')}.`);
  };
  try {
    const route = path.replace(/\/+$/, '') || '/__cms';
    let match: RegExpExecArray | null;
    if (route === '/__cms') {
      allow('GET');
      return sendJson(res, 200, {
        endpoints: [
          'GET /__cms/stats',
          'POST /__cms/stats/reset',
          'GET /__cms/pages/:id',
          'POST /__cms/pages',
          'PATCH /__cms/pages/:id',
          'POST /__cms/pages/:id/draft',
          'POST /__cms/pages/:id/preview-token',
          'POST /__cms/pages/:id/publish',
          'POST /__cms/pages/:id/unpublish',
          'POST /__cms/pages/:id/move',
          'DELETE /__cms/pages/:id',
          'GET|POST /__cms/faults',
          'GET|POST /__cms/latency',
          'GET|POST|DELETE /__cms/webhook',
          'POST /__cms/webhook/flush',
        ],
      });
    }
    if (route === '/__cms/stats') {
      allow('GET');
      return sendJson(res, 200, target.stats());
    }
    if (route === '/__cms/stats/reset') {
      allow('POST');
      target.resetStats();
      return sendJson(res, 200, target.stats());
    }
    if (route === '/__cms/faults') {
      allow('GET', 'POST');
      if (method === 'POST') target.setFaults(await jsonBody(req, faultsSchema));
      return sendJson(res, 200, target.faults());
    }
    if (route === '/__cms/latency') {
      allow('GET', 'POST');
      if (method === 'POST') target.setLatency(await jsonBody(req, latencySchema));
      return sendJson(res, 200, target.latency());
    }
    if (route === '/__cms/webhook') {
      allow('GET', 'POST', 'DELETE');
      if (method === 'POST') target.setWebhook(await jsonBody(req, webhookSchema));
      if (method === 'DELETE') target.setWebhook(null);
      return sendJson(res, 200, { webhook: target.webhook(), deliveries: target.webhookDeliveries() });
    }
    if (route === '/__cms/webhook/flush') {
      allow('POST');
      return sendJson(res, 200, { webhook: target.webhook(), deliveries: await target.flushWebhooks() });
    }
    if (route === '/__cms/pages') {
      allow('POST');
      const body = await jsonBody(req, newPageSchema);
      const page = store.addPage(body);
      return sendJson(res, 201, { page: pageSummary(store, page) });
    }
    if ((match = /^\/__cms\/pages\/([^/]+)$/.exec(route))) {
      allow('GET', 'PATCH', 'DELETE');
      const id = pageId(match[1] as string);
      if (method === 'GET') return sendJson(res, 200, { page: pageSummary(store, existing(store, id)) });
      if (method === 'DELETE') return sendJson(res, 200, { deleted: store.deletePage(id) });
      const body = await jsonBody(req, patchSchema);
      return sendJson(res, 200, { page: pageSummary(store, store.updatePage(id, body)) });
    }
    if ((match = /^\/__cms\/pages\/([^/]+)\/(publish|unpublish|draft|preview-token|move)$/.exec(route))) {
      allow('POST');
      const id = pageId(match[1] as string);
      switch (match[2]) {
        case 'publish':
          return sendJson(res, 200, { page: pageSummary(store, store.publishPage(id)) });
        case 'draft':
          return sendJson(res, 200, { page: pageSummary(store, store.saveDraft(id, await jsonBody(req, patchSchema))) });
        case 'preview-token':
          return sendJson(res, 201, store.previewLink(id, await jsonBody(req, previewTokenSchema, true)));
        case 'move':
          return sendJson(res, 200, { page: pageSummary(store, store.movePage(id, (await jsonBody(req, moveSchema)).parentId)) });
        default: {
          const body = await jsonBody(req, unpublishSchema, true);
          const pages = store.unpublishPage(id, body);
          return sendJson(res, 200, { unpublished: pages.map((p) => p.id) });
        }
      }
    }
    throw new HttpProblem(404, `No admin endpoint ${method} ${path}. GET /__cms/ lists them.`);
  } catch (error) {
    if (error instanceof HttpProblem || error instanceof ContentError) {
      return sendJson(res, error.status, { error: error.message });
    }
    if (error instanceof RangeError) return sendJson(res, 400, { error: error.message });
    throw error;
  }
}
