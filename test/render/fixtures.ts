/** Small builders for the typed entries the templates read (src/wagtail/schema.ts). */
import { readRenderConfig, type RenderConfig } from '../../src/site/config.ts';
import { buildSiteData, type SiteData } from '../../src/site/data.ts';
import type { Block, Field, Image, Page, Redirect, Site } from '../../src/wagtail/schema.ts';

export const CMS = 'https://cms.example';

export const site: Site = {
  siteName: 'Test Huts',
  hostname: 'cms.example',
  port: 443,
  rootPageId: '2',
  cmsOrigin: CMS,
};

export function page(id: string, url: string, overrides: Partial<Page> = {}): Page {
  const segments = url.split('/').filter(Boolean);
  return {
    id,
    typename: 'StandardPage',
    contentType: 'pages.StandardPage',
    url,
    title: `Page ${id}`,
    slug: segments.at(-1) ?? 'home',
    seoTitle: `Page ${id}`,
    searchDescription: '',
    showInMenus: false,
    depth: segments.length + 2,
    treePath: null,
    parentId: null,
    firstPublishedAt: '2024-01-01T10:00:00+00:00',
    lastPublishedAt: '2024-02-01T10:00:00.123456+00:00',
    fields: {},
    ...overrides,
  };
}

export function img(id: string, overrides: Partial<Image> = {}): Image {
  return {
    id,
    src: `${CMS}/media/images/photo-${id}.width-1600.jpg`,
    width: 1600,
    height: 900,
    alt: `Photo ${id}`,
    title: `photo-${id}`,
    ...overrides,
  };
}

export function block(typename: string, fields: Record<string, unknown> = {}, field = 'item'): Block {
  return { __typename: typename, id: `${typename}-${field}`, blockType: typename, field, ...fields };
}

export const text = (value: string | null): Field => ({ kind: 'text', value });

export function config(env: Record<string, string> = {}): RenderConfig {
  return readRenderConfig(env);
}

export function siteData(pages: Page[], redirects: Redirect[] = [], env: Record<string, string> = {}): SiteData {
  return buildSiteData({ pages, site, redirects }, config(env));
}

/** Home (2) › Journal (3) › two articles; About (6) in menus; Hidden (7) not. */
export function demoTree(): Page[] {
  return [
    page('2', '/', { contentType: 'home.HomePage', title: 'Home', treePath: '00010001', depth: 2 }),
    page('3', '/journal/', { contentType: 'sections.SectionIndexPage', title: 'Journal', treePath: '000100010002', parentId: '2', showInMenus: true }),
    page('4', '/journal/older/', {
      contentType: 'journal.ArticlePage',
      title: 'Older',
      treePath: '0001000100020001',
      parentId: '3',
      fields: { datePublished: text('2023-05-01'), openFrom: text(null) },
    }),
    page('5', '/journal/newer/', {
      contentType: 'journal.ArticlePage',
      title: 'Newer',
      treePath: '0001000100020002',
      parentId: '3',
      fields: { datePublished: text('2024-06-01') },
    }),
    page('6', '/about/', { title: 'About', treePath: '000100010001', parentId: '2', showInMenus: true }),
    page('7', '/hidden/', { title: 'Hidden', treePath: '000100010003', parentId: '2' }),
    page('8', '/events/summer/', {
      contentType: 'events.EventPage',
      title: 'Summer camp',
      treePath: '000100010004',
      parentId: '2',
      fields: { startDate: text('2030-07-01') },
    }),
  ];
}
