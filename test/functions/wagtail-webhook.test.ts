/**
 * The webhook function called as Netlify calls it, with a local Blobs server and a local receiver in place
 * of Netlify's build hook: valid, forged, stale, replayed and malformed deliveries; a burst becomes one
 * build; a failing hook is retried, then answered 502 with the events kept for the next delivery.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import wagtailWebhook from '../../functions/wagtail-webhook.ts';
import { signPayload } from '../../functions/_shared/signature.ts';
import type { RequestContext } from '../../functions/_shared/http.ts';
import { startFunctionsEnv, type FunctionsEnv } from '../helpers/functions-env.ts';
import { startHookReceiver, type HookReceiver } from '../helpers/hook-receiver.ts';

const SECRET = 'webhook-secret-for-tests-0123456789';
let env: FunctionsEnv;
let hook: HookReceiver;
let context: RequestContext;
let run = 0;

beforeAll(async () => {
  env = await startFunctionsEnv();
});
afterAll(async () => {
  await env.stop();
});
beforeEach(async () => {
  hook = await startHookReceiver();
  // Each test its own deploy context, hence its own store: no lock or event carries over.
  context = { deploy: { context: `test-${++run}` } };
  Object.assign(process.env, { WEBHOOK_SECRET: SECRET, NETLIFY_BUILD_HOOK_URL: hook.url, WEBHOOK_COALESCE_MS: '300', WEBHOOK_HOOK_RETRIES: '2' });
});
afterEach(async () => {
  await hook.close();
  for (const name of ['WEBHOOK_SECRET', 'NETLIFY_BUILD_HOOK_URL', 'WEBHOOK_COALESCE_MS', 'WEBHOOK_HOOK_RETRIES']) delete process.env[name];
});

function event(id: number, title = `Page ${id}`, name = 'page_published') {
  return JSON.stringify({ event: name, page: { id, url: `/journal/page-${id}/`, title, contentType: 'journal.ArticlePage' }, sentAt: new Date().toISOString() });
}

function deliver(body: string, options: { secret?: string; t?: number; header?: string | null } = {}): Promise<Response> {
  const t = options.t ?? Math.floor(Date.now() / 1000);
  const header = options.header === undefined ? `t=${t},v1=${signPayload(options.secret ?? SECRET, body, t)}` : options.header;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (header !== null) headers['x-wagtail-signature'] = header;
  return wagtailWebhook(new Request('http://localhost/api/wagtail-webhook', { method: 'POST', headers, body }), context);
}

describe('POST /api/wagtail-webhook', () => {
  it('triggers the build hook for a valid delivery, naming the page and listing its id', async () => {
    const response = await deliver(event(12, 'The footbridge is back'));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ status: 'triggered', events: 1 });
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]?.title).toBe('Wagtail: published “The footbridge is back”');
    expect(JSON.parse(hook.calls[0]?.body ?? '')).toMatchObject({ source: 'wagtail', pages: ['12'] });
  });

  it('refuses forged, stale, missing and malformed signatures with 401, and triggers nothing', async () => {
    const body = event(1);
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await deliver(body, { secret: 'not-the-secret-at-all-0000' }),
      await deliver(body, { t: now - 301 }),
      await deliver(body, { t: now + 400 }),
      await deliver(body, { header: null }),
      await deliver(body, { header: `t=${now},v1=zz` }),
      await deliver(body, { header: `v1=${signPayload(SECRET, body, now)}` }),
    ];
    expect(refused.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401]);
    // Signed over another body: the signature does not carry over.
    const t = now;
    const other = await deliver(event(2), { header: `t=${t},v1=${signPayload(SECRET, body, t)}` });
    expect(other.status).toBe(401);
    expect(hook.calls).toHaveLength(0);
  });

  it('answers a replayed delivery with 409 and no second build', async () => {
    const body = event(3);
    const t = Math.floor(Date.now() / 1000);
    const header = `t=${t},v1=${signPayload(SECRET, body, t)}`;
    expect((await deliver(body, { header })).status).toBe(202);
    expect((await deliver(body, { header })).status).toBe(409);
    expect(hook.calls).toHaveLength(1);
  });

  it('refuses a body that is not a page event with 400, naming the field', async () => {
    const bad = await deliver(JSON.stringify({ event: 'page_renamed', page: { id: 'x', title: 5 } }));
    expect(bad.status).toBe(400);
    const { fields } = (await bad.json()) as { fields: Record<string, string> };
    expect(Object.keys(fields)).toEqual(expect.arrayContaining(['event', 'page.id', 'page.title']));
    expect((await deliver('not json')).status).toBe(400);
    expect(hook.calls).toHaveLength(0);
  });

  it('turns a burst of 50 events into one build listing every page', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => deliver(event(100 + i))));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(202));
    const outcomes = await Promise.all(responses.map((r) => r.json() as Promise<{ status: string }>));
    expect(outcomes.filter((o) => o.status === 'triggered')).toHaveLength(1);
    expect(hook.calls).toHaveLength(1);
    const body = JSON.parse(hook.calls[0]?.body ?? '') as { pages: string[] };
    expect(new Set(body.pages)).toEqual(new Set(Array.from({ length: 50 }, (_, i) => String(100 + i))));
    expect(hook.calls[0]?.title).toMatch(/^Wagtail: 50 pages changed \(“Page \d+”, “Page \d+”, “Page \d+” and 47 more\)$/);
  });

  it('retries a failing build hook, and once it keeps failing answers 502 and keeps the events for the next delivery', async () => {
    hook.answers = [500, 503];
    const recovered = await deliver(event(7));
    expect(recovered.status).toBe(202);
    expect(hook.calls).toHaveLength(3);

    hook.answers = [500, 500, 500];
    const failed = await deliver(event(8));
    expect(failed.status).toBe(502);
    expect(((await failed.json()) as { error: string }).error).toMatch(/build hook/);
    // Wagtail retries (a new signature): this build carries the kept event too.
    const retried = await deliver(event(9));
    expect(retried.status).toBe(202);
    expect(JSON.parse(hook.calls.at(-1)?.body ?? '').pages).toEqual(['8', '9']);
  });

  it('answers 502 when the hook cannot be reached at all', async () => {
    process.env.NETLIFY_BUILD_HOOK_URL = 'http://127.0.0.1:9/build_hooks/down';
    expect((await deliver(event(10))).status).toBe(502);
  });

  it('is off (503) without a secret or a hook, and only takes POST', async () => {
    delete process.env.WEBHOOK_SECRET;
    expect((await deliver(event(11))).status).toBe(503);
    const get = await wagtailWebhook(new Request('http://localhost/api/wagtail-webhook'), context);
    expect(get.status).toBe(405);
  });
});
