/** Synthetic sites: deterministic, fast at 10,000 pages, and the alt schema for generality. */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { syntheticContent } from '../../cms/content/synthetic.ts';
import type { CmsHandle } from '../../cms/server.ts';
import { demoModel } from '../../cms/site/demo-model.ts';
import { gql, start } from './helpers.ts';

const handles: CmsHandle[] = [];
afterAll(() => Promise.all(handles.map((h) => h.close())));

describe('determinism', () => {
  it('builds the same site from the same seed and another from another seed', () => {
    const a = JSON.stringify(syntheticContent(demoModel, { pages: 300, images: 20, seed: 42 }));
    const b = JSON.stringify(syntheticContent(demoModel, { pages: 300, images: 20, seed: 42 }));
    const c = JSON.stringify(syntheticContent(demoModel, { pages: 300, images: 20, seed: 43 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('makes the requested number of pages and images, with images on about imageShare of pages', () => {
    const content = syntheticContent(demoModel, { pages: 1000, images: 40, seed: 1, imageShare: 0.5 });
    expect(content.pages.filter((p) => p.parentId !== null)).toHaveLength(1000);
    expect(content.images).toHaveLength(40);
    const withImageBlocks = content.pages.filter((p) =>
      JSON.stringify(p.fields?.['body'] ?? []).match(/"type":"(image|gallery|quote)"|embedtype=\\"image\\"/),
    );
    expect(withImageBlocks.length).toBeGreaterThan(300);
    expect(withImageBlocks.length).toBeLessThan(800);
  });
});

describe('a 10,000-page site', () => {
  it('starts in under 2 seconds and answers lookups and listings quickly', async () => {
    const started = performance.now();
    const cms = await start({ content: { synthetic: { pages: 10_000, seed: 3 } } });
    handles.push(cms);
    expect(performance.now() - started).toBeLessThan(2000);

    const deepest = cms.store.livePages().at(-1);
    expect(deepest).toBeDefined();
    const url = cms.store.url(deepest!);
    const t0 = performance.now();
    const res = await gql(
      cms.url,
      `{ a: page(urlPath: "${url}", inSite: true) { id } b: page(urlPath: "${deepest!.urlPath}") { id } c: page(id: ${deepest!.id}) { id } list: pages(limit: 100, offset: 9800) { id url } }`,
    );
    expect(res.body.data.a.id).toBe(String(deepest!.id));
    expect(res.body.data.b.id).toBe(String(deepest!.id));
    expect(res.body.data.c.id).toBe(String(deepest!.id));
    expect(res.body.data.list).toHaveLength(100);
    expect(performance.now() - t0).toBeLessThan(500);

    const count = await gql(cms.url, '{ pages(limit: 100, offset: 9950) { id } }');
    expect(count.body.data.pages).toHaveLength(50);
    // Sections hold more than 100 pages, so clients must page children too.
    const section = cms.store.livePages().find((p) => p.depth === 4)!;
    const children = await gql(cms.url, `{ page(id: ${section.id}) { children(limit: 100) { id } } }`);
    expect(children.body.data.page.children.length).toBeGreaterThanOrEqual(80);
  });
});

describe('broken images', () => {
  it('fails renditions of an undecodable original with an error beside the rest of the data', async () => {
    const cms = await start({ content: { synthetic: { pages: 30, images: 4, seed: 1, brokenImages: [2] } } });
    handles.push(cms);
    const res = await gql(cms.url, '{ ok: image(id: 1) { rendition(width: 100) { width } } bad: image(id: 2) { id url rendition(width: 100) { width } srcSet(sizes: [100]) } }');
    expect(res.status).toBe(200);
    expect(res.body.data.ok.rendition.width).toBe(100);
    expect(res.body.data.bad).toMatchObject({ id: '2', rendition: null, srcSet: null });
    expect(res.body.errors.map((e: { path: string[] }) => e.path.join('.'))).toEqual(['bad.rendition', 'bad.srcSet']);
    const original = await fetch(res.body.data.bad.url);
    expect(original.status).toBe(200);
    await expect(sharp(Buffer.from(await original.arrayBuffer())).metadata()).rejects.toThrow();
  });
});

describe('the alt schema', () => {
  it('serves other page types and blocks through the same generic part', async () => {
    const cms = await start({ schema: 'alt', content: { synthetic: { pages: 200, seed: 5 } } });
    handles.push(cms);
    const types = await gql(cms.url, '{ __schema { types { name } } }');
    const names = types.body.data.__schema.types.map((t: { name: string }) => t.name);
    expect(names).toEqual(expect.arrayContaining(['NewsStory', 'LandingPage', 'ProductPage', 'FaqBlock', 'StatsBlock', 'TeamMemberBlock', 'PageInterface', 'StreamFieldInterface']));
    expect(names).not.toContain('ArticlePage');
    expect(names).not.toContain('HeadingBlock');

    const products = await gql(cms.url, '{ pages(contentType: "catalogue.ProductPage", limit: 5) { __typename ... on ProductPage { price sku inStock body { __typename } } } }');
    expect(products.status).toBe(200);
    expect(products.body.data.pages.length).toBe(5);
    expect(typeof products.body.data.pages[0].price).toBe('number');

    const conflict = await gql(cms.url, '{ pages { ... on NewsStory { content { ... on ProductShowcaseBlock { title } ... on StatsBlock { title } } } } }');
    expect(conflict.status).toBe(400);

    const home = await gql(cms.url, '{ page(urlPath: "/", inSite: true) { __typename contentType ... on LandingPage { sections { __typename } } } }');
    expect(home.body.data.page).toMatchObject({ __typename: 'LandingPage', contentType: 'storefront.LandingPage' });
  });

  it('alt is the default small synthetic site when no content is given', async () => {
    const cms = await start({ schema: 'alt' });
    handles.push(cms);
    const res = await gql(cms.url, '{ pages(limit: 100) { id } }');
    expect(res.body.data.pages).toHaveLength(60);
  });
});
