/** The demo site's size, variety and integrity: it must build cleanly, links included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkedPageIds } from '../../cms/content/richtext.ts';
import type { CmsHandle } from '../../cms/server.ts';
import { gql, start } from './helpers.ts';

let cms: CmsHandle;
beforeAll(async () => {
  cms = await start();
});
afterAll(() => cms.close());

describe('demo content', () => {
  it('has at least 40 live pages of at least 5 types, nested 3 levels below home', async () => {
    const res = await gql(cms.url, '{ pages(limit: 100) { __typename depth showInMenus } }');
    const pages = res.body.data.pages as Array<{ __typename: string; depth: number; showInMenus: boolean }>;
    expect(pages.length).toBeGreaterThanOrEqual(40);
    expect(new Set(pages.map((p) => p.__typename)).size).toBeGreaterThanOrEqual(5);
    expect(Math.max(...pages.map((p) => p.depth))).toBeGreaterThanOrEqual(5);
    expect(pages.filter((p) => p.depth === 3 && p.showInMenus).length).toBeGreaterThanOrEqual(5);
  });

  it('has varied images: large, panoramic, portrait, square, small, PNG', async () => {
    const res = await gql(cms.url, '{ images(limit: 100) { width height url } }');
    const images = res.body.data.images as Array<{ width: number; height: number; url: string }>;
    expect(images.length).toBeGreaterThanOrEqual(15);
    expect(images.filter((i) => i.width >= 2400).length).toBeGreaterThanOrEqual(3);
    expect(images.some((i) => i.width / i.height >= 3)).toBe(true);
    expect(images.some((i) => i.height > i.width)).toBe(true);
    expect(images.some((i) => i.height === i.width)).toBe(true);
    expect(images.some((i) => i.width <= 400)).toBe(true);
    expect(images.some((i) => i.url.endsWith('.png'))).toBe(true);
  });

  it('links only to live pages, from rich text and from page references', async () => {
    const live = new Set(cms.store.livePages().map((p) => p.id));
    const linked: number[] = [];
    const visit = (value: unknown): void => {
      if (typeof value === 'string') linked.push(...linkedPageIds(value));
      else if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') Object.values(value).forEach(visit);
    };
    for (const page of cms.store.livePages()) visit(page.fields);
    for (const setting of cms.store.settings) visit(setting.fields);
    expect(linked.length).toBeGreaterThan(40);
    expect(linked.filter((id) => !live.has(id))).toEqual([]);

    // The same through the API: every href in served rich text is the url of a live page or a document.
    const urls = new Set(cms.store.livePages().map((p) => cms.store.url(p)));
    const res = await gql(cms.url, '{ pages(limit: 100) { ... on HutPage { body { ...Text } } ... on ArticlePage { body { ...Text } } ... on StandardPage { body { ...Text } } ... on RoutePage { body { ...Text } } ... on EventPage { body { ...Text } } ... on SectionIndexPage { body { ...Text } } ... on HomePage { intro body { ...Text } } } } fragment Text on StreamFieldInterface { ... on RichTextBlock { value } ... on StreamBlock { blocks { ... on RichTextBlock { value } } } ... on StructBlock { blocks { ... on RichTextBlock { value } } } }');
    expect(res.body.errors).toBeUndefined();
    const hrefs = [...JSON.stringify(res.body.data).matchAll(/href=\\"([^"\\]+)\\"/g)].map((m) => m[1] as string);
    expect(hrefs.length).toBeGreaterThan(40);
    const broken = hrefs.filter((href) => !href.startsWith('/documents/') && !urls.has(href));
    expect(broken).toEqual([]);
  });

  it('has redirects: two permanent, one temporary to a page, one to an external URL', async () => {
    const res = await gql(cms.url, '{ redirects { isPermanent newUrl page { id } } }');
    const redirects = res.body.data.redirects as Array<{ isPermanent: boolean; newUrl: string; page: { id: string } | null }>;
    expect(redirects.filter((r) => r.isPermanent && r.page).length).toBeGreaterThanOrEqual(2);
    expect(redirects.filter((r) => !r.isPermanent && r.page).length).toBeGreaterThanOrEqual(1);
    expect(redirects.some((r) => r.page === null && /^https:\/\//.test(r.newUrl))).toBe(true);
  });
});
