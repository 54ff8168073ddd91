/** Signed webhooks after publish, unpublish, delete and move, checked by a local receiver with node:crypto. */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { signWebhook, webhookBody } from '../../cms/webhook.ts';
import { start } from './helpers.ts';

const SECRET = 'test-secret-0123456789abcdef';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A webhook receiver answering from a script of statuses (then 204), recording every request. */
class Receiver {
  received: Received[] = [];
  script: number[] = [];
  delayMs = 0;
  readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = this.script.shift() ?? 204;
        setTimeout(() => res.writeHead(status, { 'content-type': 'application/json' }).end(status === 204 ? undefined : '{"error":"scripted"}'), this.delayMs);
      });
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/wagtail-webhook`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  bodies(): Array<Record<string, any>> {
    return this.received.map((r) => JSON.parse(r.body));
  }
}

/** Verifies like a receiver would: parse the header, recompute the HMAC over "<t>.<raw body>". */
function verify(received: Received): { t: number } {
  const header = received.headers['x-wagtail-signature'];
  expect(typeof header).toBe('string');
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header as string);
  expect(match, String(header)).not.toBeNull();
  const t = Number(match![1]);
  const expected = createHmac('sha256', SECRET).update(`${t}.${received.body}`).digest('hex');
  expect(match![2]).toBe(expected);
  expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(10);
  expect(received.headers['content-type']).toBe('application/json');
  return { t };
}

let receiver: Receiver;
let cms: CmsHandle;
beforeAll(async () => {
  receiver = new Receiver();
  await receiver.listen();
  cms = await start({ webhook: { url: receiver.url, secret: SECRET, retryDelayMs: 20 } });
});
afterAll(async () => {
  await cms.close();
  await receiver.close();
});
afterEach(async () => {
  await cms.flushWebhooks();
  receiver.received = [];
  receiver.script = [];
  receiver.delayMs = 0;
});

describe('signWebhook', () => {
  it('is t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>', () => {
    const body = '{"event":"page_published"}';
    const hex = createHmac('sha256', 'k').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('k', body, 1700000000)).toBe(`t=1700000000,v1=${hex}`);
  });

  it('writes the body as compact ASCII JSON, oldUrl only for moves', () => {
    const page = { id: 7, url: '/a/', title: 'Café ☕', contentType: 'pages.StandardPage' };
    const at = new Date('2024-05-01T12:00:00.123Z');
    expect(webhookBody({ event: 'page_published', page }, at)).toBe(
      '{"event":"page_published","page":{"id":7,"url":"/a/","title":"Caf\\u00e9 \\u2615","contentType":"pages.StandardPage"},"sentAt":"2024-05-01T12:00:00.123Z"}',
    );
    expect(JSON.parse(webhookBody({ event: 'page_moved', page, oldUrl: '/b/' }, at))).toMatchObject({ oldUrl: '/b/', page: { title: 'Café ☕' } });
  });
});

describe('events', () => {
  it('sends page_published, signed, after a change and after publishing a draft, not after saving one', async () => {
    cms.content.updatePage(24, { title: 'Trail grades' });
    cms.content.saveDraft(24, { title: 'Trail grades, draft' });
    cms.content.addPage({ parentId: 31, type: 'ArticlePage', title: 'Still a draft', live: false });
    cms.content.publishPage(24);
    const deliveries = await cms.flushWebhooks();
    expect(deliveries.map((d) => [d.event, d.pageId, d.state])).toEqual([
      ['page_published', 24, 'delivered'],
      ['page_published', 24, 'delivered'],
    ]);
    expect(receiver.received).toHaveLength(2);
    for (const r of receiver.received) verify(r);
    const [first, second] = receiver.bodies();
    expect(first).toEqual({
      event: 'page_published',
      page: { id: 24, url: '/routes/grades/', title: 'Trail grades', contentType: 'pages.StandardPage' },
      sentAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    });
    expect(second!.page.title).toBe('Trail grades, draft');
  });

  it('sends page_unpublished for the page and each live descendant', async () => {
    const draft = cms.content.addPage({ parentId: 16, type: 'RoutePage', title: 'Planned loop', live: false });
    const live = [16, ...cms.store.descendantsOf(16).filter((p) => p.live).map((p) => p.id)];
    expect(live.length).toBeGreaterThan(2);
    cms.content.unpublishPage(16);
    await cms.flushWebhooks();
    const bodies = receiver.bodies();
    expect(bodies.map((b) => [b.event, b.page.id])).toEqual(live.map((id) => ['page_unpublished', id]));
    expect(bodies[0]!.page.url).toBe(cms.content.url(cms.content.page(16)!));
    expect(bodies.map((b) => b.page.id)).not.toContain(draft.id);
  });

  it('sends page_deleted with the URL the page had, and page_moved with oldUrl', async () => {
    const parent = cms.content.addPage({ parentId: 43, type: 'StandardPage', title: 'Board' });
    cms.content.addPage({ parentId: parent.id, type: 'StandardPage', title: 'Minutes', live: false });
    cms.content.movePage(parent.id, 31);
    cms.content.deletePage(parent.id);
    await cms.flushWebhooks();
    for (const r of receiver.received) verify(r);
    const bodies = receiver.bodies();
    expect(bodies.map((b) => b.event)).toEqual(['page_published', 'page_moved', 'page_deleted', 'page_deleted']);
    expect(bodies[1]).toMatchObject({ page: { id: parent.id, url: '/journal/board/' }, oldUrl: '/about/board/' });
    expect(bodies[2]).toMatchObject({ page: { id: parent.id, url: '/journal/board/', title: 'Board', contentType: 'pages.StandardPage' } });
    expect(bodies[3]).toMatchObject({ page: { url: '/journal/board/minutes/', title: 'Minutes' } });
    expect(bodies[0]).not.toHaveProperty('oldUrl');
  });
});

describe('delivery', () => {
  it('retries 500s, signing each attempt afresh, until the receiver accepts', async () => {
    receiver.script = [500, 503];
    cms.content.updatePage(43, { searchDescription: 'Who we are.' });
    const [delivery] = await cms.flushWebhooks().then((all) => all.slice(-1));
    expect(delivery!.state).toBe('delivered');
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 503, 204]);
    expect(receiver.received).toHaveLength(3);
    for (const r of receiver.received) verify(r);
    // Each attempt is its own delivery to a receiver that refuses replayed signatures.
    expect(new Set(receiver.received.map((r) => r.headers['x-wagtail-signature'])).size).toBe(3);
  });

  it('does not retry a refusal, and counts 409 as already delivered', async () => {
    receiver.script = [401];
    cms.content.updatePage(43, { searchDescription: 'Refused.' });
    receiver.script.push(409);
    cms.content.updatePage(43, { searchDescription: 'Seen before.' });
    const deliveries = (await cms.flushWebhooks()).slice(-2);
    expect(deliveries.map((d) => [d.state, d.attempts.length])).toEqual([
      ['rejected', 1],
      ['duplicate', 1],
    ]);
    expect(deliveries[0]!.attempts[0]!.error).toBe('HTTP 401: {"error":"scripted"}');
  });

  it('never blocks a content change on a slow receiver', async () => {
    receiver.delayMs = 300;
    const started = performance.now();
    cms.content.updatePage(43, { searchDescription: 'Slow.' });
    expect(performance.now() - started).toBeLessThan(50);
    expect(cms.webhookDeliveries().at(-1)!.state).toBe('pending');
    expect((await cms.flushWebhooks()).at(-1)!.state).toBe('delivered');
  });

  it('never throws when the receiver is down: the change is made, the delivery fails after its retries', async () => {
    const down = new Receiver();
    await down.listen();
    await down.close(); // a port nothing listens on
    const logged: string[] = [];
    const lonely = await start({ webhook: { url: down.url, secret: SECRET, retries: 2, retryDelayMs: 10, log: (m) => logged.push(m) } });
    try {
      expect(() => lonely.content.updatePage(24, { title: 'Nobody hears this' })).not.toThrow();
      expect(lonely.content.page(24)!.title).toBe('Nobody hears this');
      const [delivery] = await lonely.flushWebhooks();
      expect(delivery).toMatchObject({ state: 'failed', event: 'page_published', pageId: 24 });
      expect(delivery!.attempts.map((a) => a.status)).toEqual([null, null, null]);
      expect(delivery!.attempts[0]!.error).toMatch(/ECONNREFUSED|fetch failed/);
      expect(logged).toEqual([expect.stringContaining('failed after 3 attempt(s)')]);
    } finally {
      await lonely.close();
    }
  });

  it('cancels what is still queued when the CMS closes', async () => {
    const slow = new Receiver();
    await slow.listen();
    slow.delayMs = 2000;
    const closing = await start({ webhook: { url: slow.url, secret: SECRET } });
    closing.content.updatePage(24, { title: 'One' });
    closing.content.updatePage(24, { title: 'Two' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closing.close();
    const deliveries = await closing.flushWebhooks();
    expect(deliveries.map((d) => d.state)).toEqual(['cancelled', 'cancelled']);
    slow.server.closeAllConnections();
    await slow.close();
  });
});

describe('admin HTTP API and options', () => {
  it('sets, shows (without the secret), flushes and turns off the webhook', async () => {
    const admin = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${cms.origin}/__cms${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      return { status: res.status, body: (await res.json()) as any };
    };
    const set = await admin('POST', '/webhook', { url: receiver.url, secret: SECRET, retries: 1, retryDelayMs: 5 });
    expect(set.status).toBe(200);
    expect(set.body.webhook).toEqual({ url: receiver.url, retries: 1, retryDelayMs: 5, timeoutMs: 15000 });
    expect(JSON.stringify(set.body)).not.toContain(SECRET);

    await admin('POST', '/pages/45/draft', { title: 'People' });
    await admin('POST', '/pages/45/publish');
    const flushed = await admin('POST', '/webhook/flush');
    expect(flushed.body.deliveries.at(-1)).toMatchObject({ event: 'page_published', pageId: 45, state: 'delivered' });
    verify(receiver.received.at(-1)!);

    expect((await admin('DELETE', '/webhook')).body.webhook).toBeNull();
    const count = receiver.received.length;
    await admin('PATCH', '/pages/45', { title: 'People again' });
    await admin('POST', '/webhook/flush');
    expect(receiver.received).toHaveLength(count);
    expect((await admin('POST', '/webhook', { url: 'ftp://x', secret: SECRET })).status).toBe(400);
    cms.setWebhook({ url: receiver.url, secret: SECRET, retryDelayMs: 20 });
  });

  it('refuses a webhook without a secret or with a URL that is not http(s)', async () => {
    await expect(start({ webhook: { url: receiver.url, secret: '' } })).rejects.toThrow(/webhook.secret must be set/);
    await expect(start({ webhook: { url: 'localhost:8888/api', secret: SECRET } })).rejects.toThrow(/webhook.url must be an absolute http/);
  });
});
