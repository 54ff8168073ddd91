import { describe, expect, it } from 'vitest';
import { readRenderConfig } from '../../src/site/config.ts';
import { FieldKindError, date, image, label, list, objects, text as readText } from '../../src/site/fields.ts';
import { paginate } from '../../src/site/listing.ts';
import { demoTree, img, page, siteData, text } from './fixtures.ts';

describe('site data', () => {
  const data = siteData(demoTree());

  it('indexes pages by id and URL, in tree order', () => {
    expect(data.pages.map((p) => p.id)).toEqual(['2', '6', '3', '4', '5', '7', '8']);
    expect(data.byUrl.get('/journal/newer/')?.id).toBe('5');
    expect(data.byId.get('6')?.url).toBe('/about/');
  });

  it('lists children in tree order', () => {
    expect(data.children('2').map((p) => p.id)).toEqual(['6', '3', '7', '8']);
    expect(data.children('404')).toEqual([]);
  });

  it('builds the navigation from the home page children shown in menus', () => {
    expect(data.navigation.map((p) => p.title)).toEqual(['About', 'Journal']);
  });

  it('builds breadcrumbs from the parent chain, home first', () => {
    const newer = data.byId.get('5')!;
    expect(data.breadcrumbs(newer).map((p) => p.title)).toEqual(['Home', 'Journal', 'Newer']);
    expect(data.breadcrumbs(data.home!).map((p) => p.id)).toEqual(['2']);
  });

  it('survives a parent cycle', () => {
    const cyclic = siteData([page('2', '/'), page('10', '/a/', { parentId: '11' }), page('11', '/b/', { parentId: '10' })]);
    expect(cyclic.breadcrumbs(cyclic.byId.get('10')!).map((p) => p.id)).toEqual(['11', '10']);
  });

  it('treats dated, publication-named types as articles, newest first', () => {
    expect([...data.articleDateField]).toEqual([['journal.ArticlePage', 'datePublished']]);
    expect(data.articles.map((a) => [a.page.title, a.date])).toEqual([
      ['Newer', '2024-06-01'],
      ['Older', '2023-05-01'],
    ]);
  });

  it('falls back to any dated type when no date is named like a publication date', () => {
    const events = siteData(demoTree().filter((p) => p.contentType !== 'journal.ArticlePage'));
    expect([...events.articleDateField]).toEqual([['events.EventPage', 'startDate']]);
  });

  it('lets RSS_CONTENT_TYPES override the guess', () => {
    const custom = siteData(demoTree(), [], { RSS_CONTENT_TYPES: 'events.EventPage, pages.StandardPage' });
    expect(custom.articles.map((a) => a.page.title)).toEqual(['Summer camp', 'Hidden', 'About']);
  });

  it('lists dated children newest first and paginates them', () => {
    expect(data.listedChildren('3').map((p) => p.title)).toEqual(['Newer', 'Older']);
    const listing = paginate('/journal/', data.listedChildren('3'), 1, 2);
    expect(listing.items.map((p) => p.title)).toEqual(['Older']);
    expect([listing.pageNumber, listing.pageCount, listing.urlOf(1), listing.urlOf(2)]).toEqual([2, 2, '/journal/', '/journal/page/2/']);
  });
});

describe('field readers', () => {
  const article = page('9', '/journal/x/', {
    fields: {
      subtitle: text('Up high'),
      empty: text(''),
      datePublished: text('2024-06-01'),
      heroImage: { kind: 'image', image: img('1') },
      tags: { kind: 'list', items: [{ kind: 'object', typename: 'TagObjectType', fields: { id: text('1'), name: text('snow') } }] },
      authors: {
        kind: 'list',
        items: [{ kind: 'object', typename: 'Person', fields: { name: text('Ana'), role: text(null) } }],
      },
    },
  });

  it('reads typed values, empty as null, missing as null', () => {
    expect(readText(article, 'subtitle')).toBe('Up high');
    expect(readText(article, 'empty')).toBeNull();
    expect(readText(article, 'nope')).toBeNull();
    expect(date(article, 'datePublished')).toBe('2024-06-01');
    expect(image(article, 'heroImage')?.id).toBe('1');
    expect(list(article, 'tags').map(label)).toEqual(['snow']);
    expect(objects(article, 'authors').map((a) => readText(a, 'name'))).toEqual(['Ana']);
  });

  it('names the page and field when a template reads a field as the wrong kind', () => {
    expect(() => image(article, 'subtitle')).toThrow(FieldKindError);
    expect(() => image(article, 'subtitle')).toThrow('field "subtitle" of page /journal/x/ as image, but the CMS sends it as text');
  });
});

describe('render config', () => {
  it('validates its variables and names the one at fault', () => {
    expect(readRenderConfig({})).toEqual({ rssContentTypes: null, rssMaxItems: 50, linkCheck: 'warn', lang: 'en', commentsContentTypes: null });
    expect(readRenderConfig({ COMMENTS_CONTENT_TYPES: 'None' }).commentsContentTypes).toEqual([]);
    expect(readRenderConfig({ COMMENTS_CONTENT_TYPES: 'blog.BlogPage, news.Item' }).commentsContentTypes).toEqual(['blog.BlogPage', 'news.Item']);
    expect(() => readRenderConfig({ COMMENTS_CONTENT_TYPES: 'BlogPage' })).toThrow('COMMENTS_CONTENT_TYPES');
    expect(() => readRenderConfig({ LINK_CHECK: 'loud' })).toThrow('LINK_CHECK="loud" is not valid');
    expect(() => readRenderConfig({ RSS_CONTENT_TYPES: 'BlogPage' })).toThrow('RSS_CONTENT_TYPES');
    expect(() => readRenderConfig({ RSS_MAX_ITEMS: '0' })).toThrow('RSS_MAX_ITEMS');
    expect(readRenderConfig({ SITE_LANG: 'pt-br' }).lang).toBe('pt-BR');
  });
});
