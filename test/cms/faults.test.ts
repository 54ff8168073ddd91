/** Injected faults: every kind is observable by a client, deterministically. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start({ content: { synthetic: { pages: 100, seed: 2 } } });
});
afterAll(() => cms.close());

const QUERY = JSON.stringify({ query: '{ page(id: 3) { id title } pages(limit: 3) { id } }' });

function post(signal?: AbortSignal): Promise<Response> {
  return fetch(cms.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY, signal });
}

describe('fault kinds', () => {
  it('answers 500 and 502 with HTML error pages', async () => {
    cms.setFaults({ next: ['500', '502'] });
    const a = await post();
    expect(a.status).toBe(500);
    expect(await a.text()).toContain('Server Error (500)');
    const b = await post();
    expect(b.status).toBe(502);
    expect(b.headers.get('content-type')).toBe('text/html');
    expect((await post()).status).toBe(200);
  });

  it('answers 429 with Retry-After: 1', async () => {
    cms.setFaults({ next: ['429'] });
    const res = await post();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
  });

  it('holds a timeout until the client gives up (or answers 504 after timeoutMs)', async () => {
    cms.setFaults({ next: ['timeout'], timeoutMs: 60_000 });
    const t0 = performance.now();
    await expect(post(AbortSignal.timeout(300))).rejects.toThrow();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);

    cms.setFaults({ next: ['timeout'], timeoutMs: 150 });
    const res = await post();
    expect(res.status).toBe(504);
    cms.setFaults({ timeoutMs: 60_000 });
  });

  it('truncates the JSON body of a 200 response', async () => {
    cms.setFaults({ next: ['truncate'] });
    const res = await post();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith('{"data"')).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('fails the first page with a GraphQL error carrying its path', async () => {
    cms.setFaults({ next: ['graphql'] });
    const res = await post();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.page).toBeNull();
    expect(body.data.pages).toHaveLength(3);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].path).toEqual(['page']);
    expect(cms.stats().faults.graphql).toBeGreaterThanOrEqual(1);
  });

  it('fails the first listed page at its own path, nulling the non-null list', async () => {
    cms.setFaults({ next: ['graphql'] });
    const res = await fetch(cms.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ pages(limit: 3) { id } }' }),
    });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].path).toEqual(['pages', 0]);
  });
});

describe('fault rate', () => {
  async function statuses(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const res = await post();
      await res.arrayBuffer().catch(() => undefined);
      out.push(res.status);
    }
    return out;
  }

  it('draws the same fault sequence from the same seed', async () => {
    cms.setFaults({ rate: 0.5, kinds: ['500', '502', '429'], seed: 'sequence' });
    const first = await statuses(30);
    cms.setFaults({ seed: 'sequence' });
    const second = await statuses(30);
    expect(second).toEqual(first);
    const failed = first.filter((s) => s !== 200).length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(25);
    cms.setFaults({ rate: 0 });
    expect(await statuses(5)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('broken pages', () => {
  it('always fails the lookup and the content of a broken page, while listing still names it', async () => {
    const broken = cms.store.livePages().find((p) => p.depth === 5)!;
    cms.setFaults({ brokenPages: [broken.id] });
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = await fetch(cms.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ page(id: ${broken.id}) { id } }` }),
      });
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.data.page).toBeNull();
      expect(body.errors[0].message).toContain(`Page ${broken.id}`);
      expect(body.errors[0].path).toEqual(['page']);
    }
    const listing = await fetch(cms.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ pages(id: ${broken.id}) { id url ... on ArticlePage { body { __typename } } ... on StandardPage { body { __typename } } ... on HutPage { body { __typename } } ... on RoutePage { body { __typename } } ... on EventPage { body { __typename } } } }` }),
    });
    const body = await listing.json();
    expect(body.data.pages[0].id).toBe(String(broken.id));
    expect(body.data.pages[0].body).toBeNull();
    expect(body.errors[0].path).toEqual(['pages', 0, 'body']);
    cms.setFaults({ brokenPages: [] });
  });
});
