/** Content changes between builds, through the content API and the admin HTTP API. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start();
});
afterAll(() => cms.close());

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${cms.origin}/__cms${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('content API', () => {
  it('publishes a change: new title and a later lastPublishedAt', async () => {
    const before = (await gql(cms.url, '{ page(id: 24) { title lastPublishedAt } }')).body.data.page;
    cms.content.updatePage(24, { title: 'Trail grades explained', fields: { introduction: 'Changed.' } });
    const after = (await gql(cms.url, '{ page(id: 24) { title lastPublishedAt ... on StandardPage { introduction } } }')).body.data.page;
    expect(after.title).toBe('Trail grades explained');
    expect(after.introduction).toBe('Changed.');
    expect(Date.parse(after.lastPublishedAt)).toBeGreaterThan(Date.parse(before.lastPublishedAt));
    expect(after.lastPublishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
  });

  it('adds a page under a parent, reachable by url and listed as a child', async () => {
    const page = cms.content.addPage({ parentId: 31, type: 'ArticlePage', title: 'First snow on the ridge', fields: { datePublished: '2024-10-02' } });
    const res = await gql(cms.url, `{ page(urlPath: "/journal/first-snow-on-the-ridge/", inSite: true) { id ... on ArticlePage { datePublished } } parent: page(id: 31) { children(limit: 100) { id } } }`);
    expect(res.body.data.page).toEqual({ id: String(page.id), datePublished: '2024-10-02' });
    expect(res.body.data.parent.children.map((c: { id: string }) => c.id)).toContain(String(page.id));
  });

  it('moves descendants when a slug changes', async () => {
    cms.content.updatePage(8, { slug: 'lakes' });
    const res = await gql(cms.url, '{ page(id: 9) { url } }');
    expect(res.body.data.page.url).toBe('/huts/lakes/tarnside-hut/');
  });

  it('unpublishes (with descendants) and deletes', async () => {
    cms.content.unpublishPage(16);
    const gone = await gql(cms.url, '{ a: page(id: 16) { id } b: page(id: 17) { id } pages(parent: 15) { id } }');
    expect(gone.body.data.a).toBeNull();
    expect(gone.body.data.b).toBeNull();
    expect(gone.body.data.pages.map((p: { id: string }) => p.id)).not.toContain('16');
    cms.content.publishPage(16);
    expect((await gql(cms.url, '{ page(id: 16) { id } }')).body.data.page).toEqual({ id: '16' });

    expect(cms.content.deletePage(28)).toEqual([28]);
    const deleted = await gql(cms.url, '{ page(id: 28) { id } redirects { oldPath page { id } } }');
    expect(deleted.body.data.page).toBeNull();
    expect(deleted.body.data.redirects.find((r: { oldPath: string }) => r.oldPath === '/open-day').page).toBeNull();
  });

  it('refuses invalid changes', () => {
    expect(() => cms.content.addPage({ parentId: 31, type: 'NoSuchPage', title: 'x' })).toThrow(/Unknown page type/);
    expect(() => cms.content.addPage({ parentId: 31, type: 'ArticlePage', title: 'x', slug: 'opening-dates' })).toThrow(/already in use/);
    expect(() => cms.content.updatePage(5, { fields: { nope: 1 } })).toThrow(/has no field "nope"/);
    expect(() => cms.content.deletePage(2)).toThrow(/root page of a site/);
  });

  it('leaves the page untouched when a change is refused', () => {
    const before = { ...cms.content.page(10)! };
    expect(() => cms.content.updatePage(10, { title: 'Renamed', slug: 'tarnside-hut' })).toThrow(/already in use/);
    expect(cms.content.page(10)).toMatchObject({ title: before.title, slug: before.slug, lastPublishedAt: before.lastPublishedAt });
  });
});

describe('admin HTTP API', () => {
  it('adds, changes, unpublishes, publishes and deletes pages', async () => {
    const added = await admin('POST', '/pages', { parentId: 43, type: 'pages.StandardPage', title: 'Annual meeting', fields: { introduction: 'Every November.' } });
    expect(added.status).toBe(201);
    const id = added.body.page.id as number;
    expect(added.body.page).toMatchObject({ url: '/about/annual-meeting/', live: true, type: 'StandardPage' });

    const changed = await admin('PATCH', `/pages/${id}`, { title: 'Annual general meeting' });
    expect(changed.status).toBe(200);
    expect(Date.parse(changed.body.page.lastPublishedAt)).toBeGreaterThanOrEqual(Date.parse(added.body.page.lastPublishedAt));
    expect((await gql(cms.url, `{ page(id: ${id}) { title } }`)).body.data.page.title).toBe('Annual general meeting');

    expect((await admin('POST', `/pages/${id}/unpublish`)).body).toEqual({ unpublished: [id] });
    expect((await gql(cms.url, `{ page(id: ${id}) { title } }`)).body.data.page).toBeNull();
    expect((await admin('POST', `/pages/${id}/publish`)).status).toBe(200);
    expect((await admin('GET', `/pages/${id}`)).body.page.live).toBe(true);
    expect((await admin('DELETE', `/pages/${id}`)).body).toEqual({ deleted: [id] });
    expect((await admin('GET', `/pages/${id}`)).status).toBe(404);
  });

  it('answers clear 4xx errors', async () => {
    expect((await admin('POST', '/pages', '{not json')).status).toBe(400);
    const missing = await admin('POST', '/pages', { type: 'StandardPage' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/parentId/);
    expect((await admin('PATCH', '/pages/9999', { title: 'x' })).status).toBe(404);
    expect((await admin('PATCH', '/pages/10', { slug: 'tarnside-hut' })).status).toBe(409);
    expect((await admin('PUT', '/pages/10', {})).status).toBe(405);
    expect((await admin('GET', '/nothing')).status).toBe(404);
    expect((await admin('POST', '/faults', { rate: 3 })).status).toBe(400);
  });

  it('reads and resets stats, and changes faults and latency at runtime', async () => {
    await admin('POST', '/stats/reset');
    await gql(cms.url, '{ a: page(id: 3) { id } pages(limit: 5) { id } }');
    await fetch(`${cms.origin}/documents/1/house-rules.pdf`);
    const stats = (await admin('GET', '/stats')).body;
    expect(stats).toMatchObject({ graphqlRequests: 1, graphqlOperations: 1, pageLookups: 1, pagesResolved: 6 });
    expect(stats.media.documents).toBe(1);

    const faults = await admin('POST', '/faults', { next: ['502'] });
    expect(faults.body.next).toEqual(['502']);
    expect((await fetch(cms.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ imageType }"}' })).status).toBe(502);

    const latency = await admin('POST', '/latency', { rtt: 40, workers: 3 });
    expect(latency.body).toMatchObject({ rtt: 40, workers: 3, pageTime: 0 });
    await admin('POST', '/latency', { rtt: 0, workers: 0 });
    expect((await admin('GET', '/stats')).body.faults['502']).toBe(1);
  });
});
