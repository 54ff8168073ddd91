import { describe, expect, it } from 'vitest';
import { listingUrl } from '../../src/site/listing.ts';
import { pageRoutes } from '../../src/site/paths.ts';
import { routeParam, routeUrl } from '../../src/site/routes.ts';
import { buildPageTree } from '../../src/site/tree.ts';
import { page, site } from './fixtures.ts';

describe('routeParam', () => {
  it.each([
    ['/', undefined],
    ['/a/', 'a'],
    ['/a/b/', 'a/b'],
    ['/a/b', 'a/b'],
    ['/caf%C3%A9/', 'café'],
    ['/a/b/?preview=1', 'a/b'],
  ])('%s → %s', (url, param) => {
    expect(routeParam(url)).toBe(param);
  });

  it.each(['https://x.example/a/', '//x.example/a/', 'a/b/', '/a/../b/', '/a//b/'])('refuses %s', (url) => {
    expect(() => routeParam(url)).toThrow(JSON.stringify(url));
  });

  it('round-trips to the canonical URL', () => {
    expect(routeUrl(routeParam('/a/b/'))).toBe('/a/b/');
    expect(routeUrl(routeParam('/'))).toBe('/');
  });
});

describe('pageRoutes', () => {
  const pages = [
    page('2', '/', { treePath: '0001' }),
    page('3', '/news/', { treePath: '00010001', parentId: '2', contentType: 'sections.SectionIndexPage' }),
    ...Array.from({ length: 5 }, (_, i) => page(String(10 + i), `/news/item-${i}/`, { treePath: `00010001000${i}`, parentId: '3' })),
  ];

  it('routes every page by its URL', () => {
    const { routes, problems } = pageRoutes(buildPageTree(pages, site), () => undefined);
    expect(problems).toEqual([]);
    expect(routes.map((r) => r.path)).toEqual([undefined, 'news', 'news/item-0', 'news/item-1', 'news/item-2', 'news/item-3', 'news/item-4']);
    expect(routes.every((r) => r.pageNumber === 1)).toBe(true);
  });

  it('adds listing pages for templates that paginate their children', () => {
    const perPage = (type: string) => (type === 'sections.SectionIndexPage' ? 2 : undefined);
    const { routes } = pageRoutes(buildPageTree(pages, site), perPage);
    expect(routes.filter((r) => r.id === '3')).toEqual([
      { path: 'news', id: '3', pageNumber: 1 },
      { path: 'news/page/2', id: '3', pageNumber: 2 },
      { path: 'news/page/3', id: '3', pageNumber: 3 },
    ]);
    expect(listingUrl('/news/', 1)).toBe('/news/');
    expect(listingUrl('/news/', 3)).toBe('/news/page/3/');
  });

  it('never lets a listing page hide a CMS page, and reports it', () => {
    const clash = [...pages, page('99', '/news/page/2/', { parentId: '3', treePath: '000100019999' })];
    const { routes, problems } = pageRoutes(buildPageTree(clash, site), () => 2);
    expect(routes.find((r) => r.path === 'news/page/2')?.id).toBe('99');
    expect(problems.map((p) => p.message)).toContain('Listing page /news/page/2/ would hide the CMS page at that URL: listing stops at page 1.');
  });

  it('reports a page whose URL cannot be a route instead of failing the build', () => {
    const bad = [...pages, page('50', '/a/../b/', { parentId: '2' })];
    const { routes, problems } = pageRoutes(buildPageTree(bad, site), () => undefined);
    expect(routes.some((r) => r.id === '50')).toBe(false);
    expect(problems[0]?.page.id).toBe('50');
  });
});
