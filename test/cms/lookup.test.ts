/** Looking up one page, URLs, live content only (README items 3, 4, 5, 6, 12). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start();
});
afterAll(() => cms.close());

async function page(args: string, fields = 'id title url urlPath') {
  const res = await gql(cms.url, `{ page(${args}) { ${fields} } }`);
  return res;
}

describe('url and urlPath', () => {
  it('gives the home page url "/" and a urlPath with the root slug', async () => {
    const res = await page('id: 2', 'url urlPath depth parent { __typename id url depth title }');
    expect(res.body.data.page).toEqual({
      url: '/',
      urlPath: '/home/',
      depth: 2,
      parent: { __typename: 'Page', id: '1', url: null, depth: 1, title: 'Root' },
    });
  });

  it('lists the tree Root among ancestors, with a null url', async () => {
    const res = await page('id: 5', 'url ancestors { id url }');
    expect(res.body.data.page.url).toBe('/huts/north-valleys/kestrel-saddle-hut/');
    expect(res.body.data.page.ancestors).toEqual([
      { id: '1', url: null },
      { id: '2', url: '/' },
      { id: '3', url: '/huts/' },
      { id: '4', url: '/huts/north-valleys/' },
    ]);
  });
});

describe('page(urlPath:)', () => {
  it('matches the url form exactly with inSite', async () => {
    expect((await page('urlPath: "/journal/opening-dates/", inSite: true')).body.data.page.id).toBe('35');
    expect((await page('urlPath: "/huts/opening-dates", inSite: true')).body.data.page.id).toBe('13');
    expect((await page('urlPath: "/", inSite: true')).body.data.page.id).toBe('2');
    expect((await page('urlPath: "/opening-dates/", inSite: true')).body.data.page).toBeNull();
  });

  it('without inSite returns the first page in tree order whose path ends with the argument', async () => {
    expect((await page('urlPath: "/opening-dates/"')).body.data.page.id).toBe('13');
    expect((await page('urlPath: "/home/journal/opening-dates/"')).body.data.page.id).toBe('35');
    expect((await page('urlPath: "kestrel-saddle-hut"')).body.data.page.id).toBe('5');
    expect((await page('urlPath: "/"')).body.data.page.id).toBe('2');
  });
});

describe('page(slug:) and page(id:)', () => {
  it('errors when two live pages share a slug', async () => {
    const res = await page('slug: "opening-dates"');
    expect(res.status).toBe(200);
    expect(res.body.data.page).toBeNull();
    expect(res.body.errors[0].message).toMatch(/returned more than one Page -- it returned 2/);
  });

  it('finds a unique slug and honours contentType', async () => {
    expect((await page('slug: "tarnside-hut"')).body.data.page.id).toBe('9');
    expect((await page('slug: "tarnside-hut", contentType: "routes.RoutePage"')).body.data.page).toBeNull();
    expect((await page('slug: "opening-dates", contentType: "journal.ArticlePage"')).body.data.page.id).toBe('35');
    const bad = await page('id: 9, contentType: "nope.Nothing"');
    expect(bad.body.errors[0].message).toMatch(/ContentType matching query does not exist/);
  });

  it('returns null for the Root, unknown ids and tokens that are not preview tokens (drafts.test.ts has the rest)', async () => {
    expect((await page('id: 1')).body.data.page).toBeNull();
    expect((await page('id: 9999')).body.data.page).toBeNull();
    expect((await page('token: "id=5:abc"')).body.data.page).toBeNull();
  });
});

describe('live content only', () => {
  it('returns drafts and unpublished pages as null and never lists them', async () => {
    expect((await page('id: 14')).body.data.page).toBeNull();
    expect((await page('id: 42')).body.data.page).toBeNull();
    expect((await page('urlPath: "/journal/route-closures-march-storm/", inSite: true')).body.data.page).toBeNull();
    const all = await gql(cms.url, '{ pages(limit: 100) { id } }');
    const ids = all.body.data.pages.map((p: { id: string }) => p.id);
    expect(ids).toHaveLength(47);
    expect(ids).not.toContain('14');
    expect(ids).not.toContain('42');
  });

  it('serves published values for a live page with unpublished changes', async () => {
    const res = await page('id: 35', 'title live ... on ArticlePage { draftTitle hasUnpublishedChanges }');
    expect(res.body.data.page).toEqual({
      title: 'Opening dates for the 2024 season',
      draftTitle: 'Opening dates for the 2024 and 2025 seasons',
      hasUnpublishedChanges: true,
      live: true,
    });
  });

  it('falls back to the title for seoTitle and may give an empty searchDescription', async () => {
    const res = await gql(cms.url, '{ a: page(id: 33) { title seoTitle searchDescription } b: page(id: 2) { seoTitle } }');
    expect(res.body.data.a.seoTitle).toBe(res.body.data.a.title);
    expect(res.body.data.a.searchDescription).toBe('');
    expect(res.body.data.b.seoTitle).toBe('Mountain huts and trails in the Kestrel Range');
  });
});

describe('dates', () => {
  it('serves DateTimes as ISO 8601 with an offset, with microseconds only when present', async () => {
    const res = await gql(cms.url, '{ a: page(id: 2) { lastPublishedAt } b: page(id: 3) { firstPublishedAt } c: page(id: 32) { ... on ArticlePage { datePublished } } }');
    expect(res.body.data.a.lastPublishedAt).toBe('2024-05-30T17:45:03.120000+00:00');
    expect(res.body.data.b.firstPublishedAt).toBe('2023-03-14T08:10:00+00:00');
    expect(res.body.data.c.datePublished).toBe('2023-08-28');
  });
});

describe('redirects', () => {
  it('lists all redirects with absolute oldUrl, relative page newUrl, external links and 301/302', async () => {
    const res = await gql(cms.url, '{ redirects { oldPath oldUrl newUrl isPermanent page { id } site { hostname } } }');
    const redirects = res.body.data.redirects;
    expect(redirects).toContainEqual({
      oldPath: '/huts/kestrel-hut',
      oldUrl: `http://localhost:${cms.port}/huts/kestrel-hut`,
      newUrl: '/huts/north-valleys/kestrel-saddle-hut/',
      isPermanent: true,
      page: { id: '5' },
      site: { hostname: 'localhost' },
    });
    expect(redirects.filter((r: { isPermanent: boolean }) => r.isPermanent)).toHaveLength(2);
    expect(redirects.filter((r: { isPermanent: boolean }) => !r.isPermanent)).toHaveLength(2);
    expect(redirects).toContainEqual(expect.objectContaining({ oldPath: '/shop', newUrl: 'https://larchbowl-outfitters.example/northridge', page: null }));
  });
});

describe('grapple extras', () => {
  it('serves the paginated query field of ArticlePage', async () => {
    const res = await gql(cms.url, '{ articlePages(perPage: 4, page: 3, order: "id") { items { id } pagination { total count currentPage totalPages nextPage prevPage } } }');
    expect(res.body.data.articlePages.pagination).toEqual({ total: 10, count: 2, currentPage: 3, totalPages: 3, nextPage: null, prevPage: 2 });
    expect(res.body.data.articlePages.items).toEqual([{ id: '40' }, { id: '41' }]);
  });

  it('resolves snippets on pages with their images, and page references', async () => {
    const res = await gql(
      cms.url,
      '{ page(id: 32) { ... on ArticlePage { authors { name role portrait { url } } tags { name } } } e: page(id: 26) { ... on EventPage { organiser { name } price startDate } } }',
    );
    expect(res.body.data.page.authors[0]).toEqual({ name: 'Tomasz Reyes', role: 'Trails coordinator', portrait: { url: `${cms.origin}/media/original_images/tomasz-reyes.jpg` } });
    expect(res.body.data.page.tags).toEqual([{ name: 'trail work' }, { name: 'volunteering' }]);
    expect(res.body.data.e).toEqual({ organiser: { name: 'Tomasz Reyes' }, price: 0, startDate: '2024-05-18' });
  });
});
