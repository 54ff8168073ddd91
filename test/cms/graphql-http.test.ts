/** The /graphql/ endpoint answers like graphene-django (README items 2, 10, 14, 15). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, postRaw, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start();
});
afterAll(() => cms.close());

describe('HTTP rules', () => {
  it('rejects an array-batched body with 400 and an error, executing nothing', async () => {
    const before = cms.stats().graphqlOperations;
    const res = await postRaw(cms.url, JSON.stringify([{ query: '{ imageType }' }, { query: '{ documentType }' }]));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.data).toBeUndefined();
    expect(body.errors[0].message).toMatch(/not a valid JSON query/);
    expect(cms.stats().graphqlOperations).toBe(before);
  });

  it('answers invalid JSON and a missing query with 400', async () => {
    expect((await postRaw(cms.url, '{"query": ')).status).toBe(400);
    expect((await postRaw(cms.url, '{}')).status).toBe(400);
  });

  it('answers validation errors with HTTP 400 and only `errors`', async () => {
    const res = await gql(cms.url, '{ pages { id nonsense } }');
    expect(res.status).toBe(400);
    expect(res.body).not.toHaveProperty('data');
    expect(res.body.errors[0].message).toMatch(/Cannot query field 'nonsense'/);
    expect(res.body.errors[0].path).toBeUndefined();
  });

  it('refuses a negative PositiveInt at validation time', async () => {
    const res = await gql(cms.url, '{ pages(limit: -1) { id } }');
    expect(res.status).toBe(400);
  });

  it('rejects sibling fragments selecting `image` with different nullability (real field conflict)', async () => {
    const res = await gql(
      cms.url,
      `{ page(id: 32) { ... on ArticlePage { body {
          ... on CaptionedImageBlock { image { url } }
          ... on QuoteBlock { image { url } }
      } } } }`,
    );
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toMatch(/conflict/);
    expect(res.body.errors[0].message).toMatch(/ImageObjectType!/);
  });

  it('accepts the same query with the conflicting fields aliased per type', async () => {
    const res = await gql(
      cms.url,
      `{ page(id: 32) { ... on ArticlePage { body {
          __typename
          ... on CaptionedImageBlock { captionedImage: image { url } }
          ... on QuoteBlock { quoteImage: image { url } }
      } } } }`,
    );
    expect(res.status).toBe(200);
    const body = res.body.data.page.body;
    expect(body.find((b: { __typename: string }) => b.__typename === 'CaptionedImageBlock').captionedImage.url).toMatch(/^http/);
  });

  it('returns resolver errors with HTTP 200, partial data and the error path', async () => {
    const res = await gql(cms.url, '{ ok: page(id: 2) { id } bad: pages(order: "lastPublishedAt") { id } }');
    expect(res.status).toBe(200);
    // `pages` is non-null at the root, so the error nulls the whole data (GraphQL null propagation).
    expect(res.body.data).toBeNull();
    expect(res.body.errors[0].path).toEqual(['bad']);
  });

  it('keeps sibling data when a nullable field fails', async () => {
    const res = await gql(cms.url, '{ ok: page(id: 2) { id } bad: page(slug: "opening-dates") { id } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: { id: '2' }, bad: null });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].path).toEqual(['bad']);
  });

  it('sends no CORS headers', async () => {
    const res = await fetch(cms.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://site.example' },
      body: JSON.stringify({ query: '{ imageType }' }),
    });
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('serves GET queries and introspection', async () => {
    const query = encodeURIComponent('{ __schema { types { name } } }');
    const res = await fetch(`${cms.url}?query=${query}`);
    expect(res.status).toBe(200);
    const names = ((await res.json()).data.__schema.types as Array<{ name: string }>).map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['PageInterface', 'StreamFieldInterface', 'ImageObjectType', 'HutPage', 'TimelineBlock']));
  });

  it('only serves /graphql/ with its trailing slash', async () => {
    const res = await fetch(cms.url.replace(/\/$/, ''), { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
  });
});

describe('generic root fields', () => {
  it('names the image and document types', async () => {
    const res = await gql(cms.url, '{ imageType documentType }');
    expect(res.body.data).toEqual({ imageType: 'ImageObjectType', documentType: 'DocumentObjectType' });
  });

  it('lists sites, settings and snippets', async () => {
    const res = await gql(
      cms.url,
      `{ sites { siteName hostname port isDefaultSite rootPage { id url } }
         settings { __typename ... on ContactSettings { email } ... on SiteBrandingSettings { footerNote } }
         snippets { __typename snippetType contentType } }`,
    );
    expect(res.status).toBe(200);
    const { sites, settings, snippets } = res.body.data;
    expect(sites).toEqual([
      { siteName: 'Northridge Huts & Trails', hostname: 'localhost', port: cms.port, isDefaultSite: true, rootPage: { id: '2', url: '/' } },
    ]);
    expect(settings.map((s: { __typename: string }) => s.__typename)).toEqual(['ContactSettings', 'SiteBrandingSettings']);
    expect(settings[1].footerNote).toContain('href="/about/privacy/"');
    expect(snippets).toContainEqual({ __typename: 'Person', snippetType: 'Person', contentType: 'people.Person' });
  });

  it('fails root `search` as a whole when an image matches, while pages(searchQuery:) works', async () => {
    const broken = await gql(cms.url, '{ search(query: "Tarnside") { __typename } }');
    expect(broken.status).toBe(200);
    expect(broken.body.data).toBeNull();
    expect(broken.body.errors).toHaveLength(1);
    const pages = await gql(cms.url, '{ pages(searchQuery: "Tarnside", limit: 5) { title searchScore } }');
    expect(pages.body.data.pages.length).toBeGreaterThan(0);
    expect(pages.body.data.pages[0].title).toMatch(/Tarnside/);
    expect(pages.body.data.pages[0].searchScore).toBeGreaterThan(0);
  });
});
