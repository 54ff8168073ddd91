/** grapple's list arguments: paging defaults and cap, offset, order parsing, filters (README items 1, 13). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let demo: CmsHandle;
let big: CmsHandle;
beforeAll(async () => {
  [demo, big] = await Promise.all([start(), start({ content: { synthetic: { pages: 450, seed: 7 } } })]);
});
afterAll(() => Promise.all([demo.close(), big.close()]));

async function ids(cms: CmsHandle, args: string): Promise<number[]> {
  const res = await gql(cms.url, `{ pages${args} { id } }`);
  expect(res.status, JSON.stringify(res.body.errors)).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.pages.map((p: { id: string }) => Number(p.id));
}

describe('paging', () => {
  it('returns 10 items by default and for limit 0', async () => {
    expect(await ids(big, '')).toHaveLength(10);
    expect(await ids(big, '(limit: 0)')).toHaveLength(10);
  });

  it('caps limit at 100 silently', async () => {
    expect(await ids(big, '(limit: 500)')).toHaveLength(100);
  });

  it('pages with offset until a short page, visiting every live page once in tree order', async () => {
    const seen: number[] = [];
    for (let offset = 0; ; offset += 100) {
      const page = await ids(big, `(limit: 100, offset: ${offset})`);
      seen.push(...page);
      if (page.length < 100) break;
    }
    expect(seen).toHaveLength(450);
    expect(new Set(seen).size).toBe(450);
    // Default order is tree order: the home page first, then its first section.
    const tree = big.store.livePages().map((p) => p.id);
    expect(seen).toEqual(tree);
  });

  it('defaults children and descendants to 10 items as well', async () => {
    const res = await gql(big.url, '{ page(urlPath: "/", inSite: true) { children { id } descendants { id } } }');
    expect(res.body.data.page.descendants).toHaveLength(10);
    expect(res.body.data.page.children.length).toBeLessThanOrEqual(10);
  });
});

describe('order', () => {
  it('orders by snake_case fields with - for descending and an id tiebreaker', async () => {
    const res = await gql(big.url, '{ pages(limit: 100, order: "-last_published_at,id") { id lastPublishedAt } }');
    const stamps = res.body.data.pages.map((p: { lastPublishedAt: string }) => Date.parse(p.lastPublishedAt));
    expect(stamps).toEqual([...stamps].sort((a, b) => b - a));
    const all = big.store.livePages().map((p) => p.lastPublishedAt ?? '');
    expect(res.body.data.pages[0].lastPublishedAt).toBe([...all].sort().at(-1));
  });

  it('orders ascending by title', async () => {
    const res = await gql(demo.url, '{ pages(limit: 100, order: "title") { title } }');
    const titles = res.body.data.pages.map((p: { title: string }) => p.title);
    expect(titles).toEqual([...titles].sort());
  });

  it('rejects camelCase and unknown field names with a GraphQL error', async () => {
    for (const order of ['lastPublishedAt', '-first_published', 'id,bogus']) {
      const res = await gql(demo.url, `{ pages(order: "${order}") { id } }`);
      expect(res.status).toBe(200);
      expect(res.body.data).toBeNull();
      expect(res.body.errors[0].message).toMatch(/Cannot resolve keyword/);
      expect(res.body.errors[0].path).toEqual(['pages']);
    }
  });
});

describe('filters', () => {
  it('filters by content type, accepting a comma-separated list', async () => {
    const huts = await gql(demo.url, '{ pages(contentType: "huts.HutPage", limit: 100) { contentType } }');
    expect(huts.body.data.pages).toHaveLength(6);
    expect(new Set(huts.body.data.pages.map((p: { contentType: string }) => p.contentType))).toEqual(new Set(['huts.HutPage']));
    const both = await gql(demo.url, '{ pages(contentType: "huts.HutPage, routes.routepage", limit: 100) { __typename } }');
    expect(both.body.data.pages).toHaveLength(12);
  });

  it('filters menus, parents and ancestors', async () => {
    const menu = await gql(demo.url, '{ pages(inMenu: true, limit: 100) { title depth } }');
    expect(menu.body.data.pages.map((p: { title: string }) => p.title)).toEqual(
      expect.arrayContaining(['Huts', 'Routes', 'Events and courses', 'Journal', 'About us']),
    );
    const children = await gql(demo.url, '{ pages(parent: 3, limit: 100) { id } }');
    expect(children.body.data.pages.map((p: { id: string }) => p.id)).toEqual(['4', '8', '12', '13']);
    const descendants = await gql(demo.url, '{ pages(ancestor: 3, limit: 100) { id } }');
    expect(descendants.body.data.pages).toHaveLength(10);
  });

  it('filters by id and by site', async () => {
    expect(await ids(demo, '(id: 21)')).toEqual([21]);
    expect(await ids(demo, '(inSite: true, limit: 100)')).toHaveLength(47);
    expect(await ids(demo, '(site: "unknown.example")')).toEqual([]);
    const both = await gql(demo.url, '{ pages(site: "localhost", inSite: true) { id } }');
    expect(both.body.errors[0].message).toMatch(/cannot be used at the same time/);
  });

  it('pages model lists on page types with limit defaults', async () => {
    const res = await gql(
      demo.url,
      '{ page(id: 5) { ... on HutPage { openingHours { season } first: openingHours(limit: 1, order: "-id") { id season } } } }',
    );
    expect(res.body.data.page.openingHours).toHaveLength(3);
    expect(res.body.data.page.first).toEqual([{ id: '53', season: 'Winter' }]);
  });

  it('lists images, documents and tags with the same paging rules', async () => {
    const res = await gql(demo.url, '{ images { id } all: images(limit: 100) { id } documents { id } tags(limit: 3, offset: 1) { name } }');
    expect(res.body.data.images).toHaveLength(10);
    expect(res.body.data.all.length).toBeGreaterThanOrEqual(15);
    expect(res.body.data.documents).toHaveLength(4);
    expect(res.body.data.tags).toEqual([{ name: 'trail work' }, { name: 'wildlife' }, { name: 'history' }]);
  });
});
